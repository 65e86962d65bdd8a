import { describe, expect, it } from 'vitest';
import {
  formatAbsolute,
  formatAgo,
  formatClock,
  formatDuration,
  formatIsoUtc,
  formatRange,
} from './time-format';

describe('time formatting', () => {
  it('says how long ago', () => {
    expect(formatAgo(1_000, 4_000)).toBe('3s ago');
    expect(formatAgo(0, 125_000)).toBe('2m ago');
    expect(formatAgo(5_000, 1_000)).toBe('0s ago');
  });

  it('formats durations', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_780_000)).toBe('1 h 3 min');
  });

  it('formats a time-left range', () => {
    expect(formatRange(0, 0)).toBe('none');
    expect(formatRange(10_000, 50_000)).toBe('under a minute');
    expect(formatRange(100_000, 170_000)).toBe('about 1–3 min');
    expect(formatRange(120_000, 120_000)).toBe('about 2 min');
    expect(formatRange(3 * 3600_000, 5 * 3600_000)).toBe('about 3–5 h');
  });

  it('names the zone of every time it shows, and writes files in UTC with a Z', () => {
    const ms = Date.UTC(2026, 10, 29, 17, 50, 9);
    // The test runs in the process's zone: whatever it is, its name is in the text.
    const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' })
      .formatToParts(ms)
      .find((p) => p.type === 'timeZoneName')?.value;
    expect(zone).toBeTruthy();
    expect(formatAbsolute(ms)).toContain(zone);
    expect(formatAbsolute(ms)).toContain('2026');
    expect(formatClock(ms)).toContain(zone);
    expect(formatIsoUtc(ms)).toBe('2026-11-29T17:50:09.000Z');
  });
});

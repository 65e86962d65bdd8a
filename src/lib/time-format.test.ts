import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration, formatRange } from './time-format';

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
});

import { describe, expect, it } from 'vitest';
import { formatApiTimestamp, parseApiTimestamp } from './timestamps';

describe('parseApiTimestamp', () => {
  it('reads the documented naive form with microseconds as UTC', () => {
    expect(parseApiTimestamp('2026-01-15T10:30:00.000000')).toBe(Date.UTC(2026, 0, 15, 10, 30, 0));
    expect(parseApiTimestamp('2026-01-15T10:30:05.123456')).toBe(
      Date.UTC(2026, 0, 15, 10, 30, 5, 123),
    );
  });

  it('honours Z and numeric offsets', () => {
    const utc = Date.UTC(2026, 0, 15, 10, 30, 0);
    expect(parseApiTimestamp('2026-01-15T10:30:00Z')).toBe(utc);
    expect(parseApiTimestamp('2026-01-15T12:30:00+02:00')).toBe(utc);
    expect(parseApiTimestamp('2026-01-15T05:00:00.5-0530')).toBe(utc + 500);
  });

  it('accepts minutes-only and nanosecond precision', () => {
    expect(parseApiTimestamp('2026-01-15T10:30')).toBe(Date.UTC(2026, 0, 15, 10, 30));
    expect(parseApiTimestamp('2026-01-15T10:30:00.123456789')).toBe(
      Date.UTC(2026, 0, 15, 10, 30, 0, 123),
    );
  });

  it.each([
    '',
    'yesterday',
    '2026-13-01T00:00:00',
    '2026-02-31T00:00:00',
    '2026-01-15',
    '2026-01-15T25:00:00',
    '2026-01-15T10:30:00+5',
  ])('rejects %j', (value) => {
    expect(parseApiTimestamp(value)).toBeNull();
  });

  it('round-trips the emulator form', () => {
    const t = Date.UTC(2026, 10, 28, 9, 8, 7, 654);
    const text = formatApiTimestamp(t);
    expect(text).toBe('2026-11-28T09:08:07.654000');
    expect(parseApiTimestamp(text)).toBe(t);
  });
});

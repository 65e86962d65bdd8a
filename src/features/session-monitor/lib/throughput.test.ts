import { describe, expect, it } from 'vitest';
import { addSample, computeThroughput } from './throughput';

const T0 = Date.UTC(2026, 0, 15, 10, 30, 0);
const status = (
  processed: number,
  total = 100,
  started: string | null = '2026-01-15T10:30:00.000000',
  completed: string | null = null,
) => ({
  progress: { total, processed, successful: processed, failed: 0 },
  started_at: started,
  completed_at: completed,
});

describe('addSample', () => {
  it('keeps only samples that changed, at most six', () => {
    let s = addSample([], { at: 0, processed: 1 });
    s = addSample(s, { at: 1, processed: 1 });
    expect(s).toHaveLength(1);
    for (let i = 2; i < 12; i++) s = addSample(s, { at: i, processed: i });
    expect(s).toHaveLength(6);
    expect(s[5]).toEqual({ at: 11, processed: 11 });
  });
});

describe('computeThroughput', () => {
  it('gives nothing to estimate before the session starts', () => {
    expect(computeThroughput(status(0, 100, null), [], T0)).toEqual({
      recentPerMinute: null,
      overallPerMinute: null,
      remainingMs: null,
    });
  });

  it('estimates from started_at alone after the first poll', () => {
    // 30 processed in 60 s → 30/min, 70 left → about 140 s, ±20%.
    const t = computeThroughput(status(30), [{ at: T0 + 60_000, processed: 30 }], T0 + 60_000);
    expect(t.overallPerMinute).toBeCloseTo(30);
    expect(t.recentPerMinute).toBeNull();
    expect(t.remainingMs?.low).toBeCloseTo(116_667, -2);
    expect(t.remainingMs?.high).toBeCloseTo(175_000, -2);
  });

  it('uses the recent rate from successive polls and spans both rates', () => {
    const samples = [
      { at: T0 + 60_000, processed: 30 },
      { at: T0 + 70_000, processed: 40 },
      { at: T0 + 80_000, processed: 50 },
    ];
    const t = computeThroughput(status(50), samples, T0 + 80_000);
    expect(t.recentPerMinute).toBeCloseTo(60);
    expect(t.overallPerMinute).toBeCloseTo(37.5);
    // 50 left: fastest 60/min·1.2 → 41.7 s; slowest 37.5/min·0.8 → 100 s.
    expect(t.remainingMs?.low).toBeCloseTo(41_667, -2);
    expect(t.remainingMs?.high).toBeCloseTo(100_000, -2);
  });

  it('says zero left when everything is processed, and measures up to completed_at', () => {
    const t = computeThroughput(
      status(100, 100, '2026-01-15T10:30:00', '2026-01-15T10:32:00'),
      [],
      T0 + 3_600_000,
    );
    expect(t.remainingMs).toEqual({ low: 0, high: 0 });
    expect(t.overallPerMinute).toBeCloseTo(50);
  });
});

import { describe, expect, it } from 'vitest';
import type { SessionResult, SessionStatus } from '@/contract/schemas';
import { bandDistribution, groupFailures } from '@/features/session-monitor/lib/summaries';
import { toRows } from '@/lib/results';
import { combineRun, createRunCombiner } from './combine';

function session(n: number, processed: number, failEvery: number, at: string): SessionStatus {
  const results: SessionResult[] = Array.from({ length: processed }, (_, i) =>
    i % failEvery === 0
      ? {
          status: 'failed',
          lat: n + i / 1000,
          lng: 1,
          error: 'Failed to calculate quietness score',
          analyzed_at: at,
        }
      : {
          status: 'success',
          lat: n + i / 1000,
          lng: 1,
          listing_id: `L-${n}-${i}`,
          quiet_score: (i * 7) % 101,
          analyzed_at: at,
        },
  ) as SessionResult[];
  const failed = results.filter((r) => r.status === 'failed').length;
  return {
    status: processed === 10 ? 'COMPLETED' : 'PROCESSING',
    progress: { total: 10, processed, successful: processed - failed, failed },
    results,
    submitted_at: at,
    started_at: at,
    completed_at: processed === 10 ? at : null,
  };
}

describe("a run's sessions as one", () => {
  const parts = [
    { id: 'sess_a', data: session(1, 10, 3, '2026-01-15T10:00:00') },
    { id: 'sess_b', data: session(2, 6, 4, '2026-01-15T09:00:00') },
    { id: 'sess_c', data: undefined },
  ];
  const combined = combineRun('run_x', parts);

  it('sums the progress of the sessions whose status is known', () => {
    expect(combined.status.progress).toEqual({
      total: 20,
      processed: 16,
      successful: 10,
      failed: 6,
    });
    expect(combined.finished).toBe(false);
    expect(combined.status.status).toBe('PROCESSING');
    expect(combined.status.started_at).toBe('2026-01-15T09:00:00');
    expect(combined.status.completed_at).toBeNull();
  });

  it('its summaries equal the sums of the per-session ones', () => {
    const per = parts.flatMap((p) => (p.data ? [p.data] : []));
    const bands = bandDistribution(combined.status.results ?? []);
    const sums = per.map((s) => bandDistribution(s.results ?? []));
    bands.forEach((b, i) => expect(b.count).toBe(sums.reduce((t, d) => t + (d[i]?.count ?? 0), 0)));
    const failures = groupFailures(combined.status.results ?? []);
    expect(failures.reduce((t, g) => t + g.count, 0)).toBe(
      per.reduce((t, s) => t + s.progress.failed, 0),
    );
  });

  it('keeps results in session order, each mapped to its session', () => {
    const results = combined.status.results ?? [];
    expect(results).toHaveLength(16);
    expect(results.slice(0, 10).every((r) => combined.placeOf.get(r)?.sessionId === 'sess_a')).toBe(
      true,
    );
    expect(results.slice(10).every((r) => combined.placeOf.get(r)?.sessionId === 'sess_b')).toBe(
      true,
    );
  });

  it('is finished once every session is', () => {
    const done = combineRun('run_x', [
      { id: 'a', data: session(1, 10, 3, '2026-01-15T10:00:00') },
      { id: 'b', data: session(2, 10, 3, '2026-01-15T11:00:00') },
    ]);
    expect(done.finished).toBe(true);
    expect(done.status.status).toBe('COMPLETED');
    expect(done.status.completed_at).toBe('2026-01-15T11:00:00');
  });
});

describe('a run combined poll after poll', () => {
  it('appends a session’s new results, every earlier one keeping its place', () => {
    const combine = createRunCombiner();
    const a1 = session(1, 4, 3, '2026-01-15T10:00:00');
    const b = session(2, 10, 3, '2026-01-15T10:00:00');
    const first = combine('r', [
      { id: 'a', data: a1 },
      { id: 'b', data: b },
    ]).status.results as SessionResult[];
    expect(first.slice(0, 4)).toEqual(a1.results);

    // Session a's next poll: its first 4 results, the same objects, and 3 more.
    const a2 = {
      ...a1,
      results: [...(a1.results ?? []), ...(session(1, 7, 3, 'x').results ?? []).slice(4)],
    };
    const next = combine('r', [
      { id: 'a', data: a2 },
      { id: 'b', data: b },
    ]);
    const results = next.status.results as SessionResult[];
    expect(results).not.toBe(first);
    expect(results.slice(0, 14)).toEqual(first);
    results.slice(0, 14).forEach((r, i) => expect(r).toBe(first[i]));
    expect(results.slice(14)).toEqual((a2.results ?? []).slice(4));
    expect(results.slice(14).every((r) => next.placeOf.get(r)?.sessionId === 'a')).toBe(true);

    // An unchanged poll: the very same results.
    const again = combine('r', [
      { id: 'a', data: a2 },
      { id: 'b', data: b },
    ]);
    expect(again.status.results).toBe(results);
  });

  it('starts over when a session leaves the run', () => {
    const combine = createRunCombiner();
    const a = session(1, 4, 3, 'x');
    const b = session(2, 5, 3, 'x');
    combine('r', [
      { id: 'a', data: a },
      { id: 'b', data: b },
    ]);
    const onlyB = combine('r', [{ id: 'b', data: b }]);
    expect(onlyB.status.results).toEqual(b.results);
  });
});

describe("a run's failed results", () => {
  it('are keyed by their session and place there, whatever order the results arrived in', () => {
    const a = session(1, 4, 3, 'x');
    const b = session(2, 4, 3, 'x');
    const keysOf = (first: 'a' | 'b') => {
      const combine = createRunCombiner();
      combine('r', [
        { id: 'a', data: first === 'a' ? a : undefined },
        { id: 'b', data: first === 'b' ? b : undefined },
      ]);
      const run = combine('r', [
        { id: 'a', data: a },
        { id: 'b', data: b },
      ]);
      return toRows(run.status.results ?? [], run.placeOf)
        .filter((r) => r.result.status === 'failed')
        .map((r) => [r.selectionKey, r.index] as const);
    };
    const aFirst = keysOf('a');
    const bFirst = keysOf('b');
    // The same keys, at other places in the run.
    expect(new Set(aFirst.map(([k]) => k))).toEqual(new Set(bFirst.map(([k]) => k)));
    expect(aFirst.map(([k]) => k)).toContain('failed:b:0');
    expect(aFirst.find(([k]) => k === 'failed:b:0')?.[1]).not.toBe(
      bFirst.find(([k]) => k === 'failed:b:0')?.[1],
    );
  });
});

describe('a result seen on its session’s monitor, then in a run', () => {
  it('is a row of the run there, with its session', () => {
    const a = session(1, 4, 3, 'x');
    const alone = toRows(a.results ?? []);
    const run = combineRun('r', [{ id: 'a', data: a }]);
    const inRun = toRows(run.status.results ?? [], run.placeOf);
    expect(alone[0]?.sessionId).toBeUndefined();
    expect(inRun.every((r) => r.sessionId === 'a')).toBe(true);
    expect(inRun[0]?.selectionKey).toBe('failed:a:0');
  });
});

describe('the run’s throughput samples', () => {
  it('takes one as each new processed count is combined, none for the same count', () => {
    let clock = 1_000;
    const combine = createRunCombiner(() => clock);
    const a4 = session(1, 4, 3, 'x');
    const b6 = session(2, 6, 4, 'x');
    const first = combine('r', [
      { id: 'a', data: a4 },
      { id: 'b', data: b6 },
    ]);
    expect(first.samples).toEqual([{ at: 1_000, processed: 10 }]);

    clock = 3_000;
    // An answer with the same count (a new object, as a poll brings): no sample, the same list.
    const again = combine('r', [
      { id: 'a', data: { ...a4 } },
      { id: 'b', data: b6 },
    ]);
    expect(again.samples).toBe(first.samples);

    clock = 5_000;
    const later = combine('r', [
      { id: 'a', data: session(1, 8, 3, 'x') },
      { id: 'b', data: b6 },
    ]);
    expect(later.samples).toEqual([
      { at: 1_000, processed: 10 },
      { at: 5_000, processed: 14 },
    ]);
  });
});

import type { SessionResult } from '@/contract/schemas';
import { appendOnly } from '@/lib/append-only';
import { explainLocationError } from '@/lib/location-errors';
import { bandForScore, SCORE_BANDS, type ScoreBand } from '@/lib/score-bands';

export interface BandCount {
  band: ScoreBand;
  count: number;
}

/** Successful results per documented band, quietest first. */
export function bandDistribution(results: readonly SessionResult[]): BandCount[] {
  const counts = new Map<string, number>(SCORE_BANDS.map((b) => [b.level, 0]));
  for (const r of results) {
    if (r.status !== 'success') continue;
    const level = bandForScore(r.quiet_score).level;
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  return SCORE_BANDS.map((band) => ({ band, count: counts.get(band.level) ?? 0 }));
}

/**
 * `bandDistribution`, kept between polls: a poll that appends results counts only those, and a
 * poll with no new result gives the same object (see `appendOnly`).
 */
export const bandDistributionKept = () =>
  appendOnly(bandDistribution, (last, list, from) => {
    if (from === list.length) return last;
    const added = bandDistribution(list.slice(from));
    return last.map((b, i) => ({ band: b.band, count: b.count + (added[i]?.count ?? 0) }));
  });

export interface FailureGroup {
  error: string;
  count: number;
  meaning: string;
  action: string;
}

/** Failed results grouped by error message, most frequent first, each explained. */
export function groupFailures(results: readonly SessionResult[]): FailureGroup[] {
  return groupsOf(countFailures(new Map(), results, 0));
}

function countFailures(
  counts: Map<string, number>,
  results: readonly SessionResult[],
  from: number,
) {
  for (let i = from; i < results.length; i++) {
    const r = results[i] as SessionResult;
    if (r.status === 'failed') counts.set(r.error, (counts.get(r.error) ?? 0) + 1);
  }
  return counts;
}

const groupsOf = (counts: ReadonlyMap<string, number>): FailureGroup[] =>
  [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([error, count]) => ({ error, count, ...explainLocationError(error) }));

/**
 * `groupFailures`, kept between polls: a poll counts only the results it appended, and one
 * that brings no failure gives the same groups.
 */
export function groupFailuresKept() {
  let counts = new Map<string, number>();
  return appendOnly(
    (list: readonly SessionResult[]) => groupsOf((counts = countFailures(new Map(), list, 0))),
    (last, list, from) => {
      if (!list.slice(from).some((r) => r.status === 'failed')) return last;
      return groupsOf((counts = countFailures(new Map(counts), list, from)));
    },
  );
}

export const MILESTONES = [25, 50, 75, 100] as const;

/** The highest milestone crossed going from `before` to `after` percent, if any. */
export function crossedMilestone(before: number | null, after: number): number | null {
  if (before === null) return null;
  const crossed = MILESTONES.filter((m) => before < m && after >= m);
  return crossed.length ? (crossed[crossed.length - 1] as number) : null;
}

export function percent(processed: number, total: number): number {
  return total > 0 ? Math.floor((processed / total) * 100) : 0;
}

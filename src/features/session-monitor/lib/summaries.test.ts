import { describe, expect, it } from 'vitest';
import type { SessionResult } from '@/contract/schemas';
import {
  bandDistribution,
  crossedMilestone,
  groupFailures,
  groupFailuresKept,
  percent,
} from './summaries';

const ok = (score: number): SessionResult => ({
  lat: 0,
  lng: 0,
  status: 'success',
  quiet_score: score,
  listing_id: `l${score}`,
  analyzed_at: '2026-01-15T10:30:00',
});
const bad = (error: string): SessionResult => ({
  lat: 0,
  lng: 0,
  status: 'failed',
  error,
  analyzed_at: '2026-01-15T10:30:00',
});

describe('bandDistribution', () => {
  it('counts successful results per band at the documented boundaries', () => {
    const d = bandDistribution([
      ok(100),
      ok(80),
      ok(79),
      ok(60),
      ok(59),
      ok(40),
      ok(39),
      ok(20),
      ok(19),
      ok(0),
      bad('x'),
    ]);
    expect(d.map((b) => [b.band.level, b.count])).toEqual([
      ['Very Quiet', 2],
      ['Quiet', 2],
      ['Moderate', 2],
      ['Noisy', 2],
      ['Very Noisy', 2],
    ]);
  });
});

describe('groupFailures', () => {
  it('groups by message, most frequent first, explaining the documented ones', () => {
    const g = groupFailures([
      bad('Listing limit reached'),
      bad('Failed to calculate quietness score'),
      bad('Failed to calculate quietness score'),
      bad('Odd thing'),
      ok(50),
    ]);
    expect(g.map((x) => [x.error, x.count])).toEqual([
      ['Failed to calculate quietness score', 2],
      ['Listing limit reached', 1],
      ['Odd thing', 1],
    ]);
    expect(g[0]?.meaning).toMatch(/at sea/);
    expect(g[1]?.action).toMatch(/Delete listings/);
    expect(g[2]?.meaning).toMatch(/not one of the documented/);
  });
});

describe('groupFailuresKept', () => {
  it('counts what polls append as a count from scratch would, the same groups without a new failure', () => {
    const first = [bad('Odd thing'), ok(40), bad('Listing limit reached')];
    const kept = groupFailuresKept();
    const before = kept(first);
    expect(kept([...first, ok(70), ok(20)])).toBe(before);
    const grown = [...first, ok(70), ok(20), bad('Odd thing'), bad('Listing limit reached')];
    const after = kept([...grown, bad('Odd thing')]);
    expect(after).not.toBe(before);
    expect(after).toEqual(groupFailures([...grown, bad('Odd thing')]));
    expect(after.map((g) => [g.error, g.count])).toEqual([
      ['Odd thing', 3],
      ['Listing limit reached', 2],
    ]);
    // What was handed out before is left as it was.
    expect(before.map((g) => g.count)).toEqual([1, 1]);
  });

  it('counts again from scratch a list that does not append to the last', () => {
    const kept = groupFailuresKept();
    kept([bad('Odd thing'), bad('Odd thing')]);
    expect(kept([bad('Listing limit reached')]).map((g) => [g.error, g.count])).toEqual([
      ['Listing limit reached', 1],
    ]);
  });
});

describe('crossedMilestone', () => {
  it('announces 25/50/75/100 once, the highest crossed', () => {
    expect(crossedMilestone(null, 30)).toBeNull();
    expect(crossedMilestone(10, 24)).toBeNull();
    expect(crossedMilestone(24, 25)).toBe(25);
    expect(crossedMilestone(25, 49)).toBeNull();
    expect(crossedMilestone(20, 80)).toBe(75);
    expect(crossedMilestone(99, 100)).toBe(100);
  });

  it('floors percentages so 100% means done', () => {
    expect(percent(499, 500)).toBe(99);
    expect(percent(0, 0)).toBe(0);
  });
});

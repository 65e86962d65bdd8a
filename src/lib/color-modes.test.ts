import { describe, expect, it } from 'vitest';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import type { Listing } from '@/contract/schemas';
import { statusPayload } from '@/test/session-fixtures';
import { dominantSource, nightPenalty, sourcesByLoudness } from './analysis';
import {
  colorScale,
  countByClass,
  keptColorScale,
  NOT_ANALYZED,
  penaltyClass,
  readColorMode,
} from './color-modes';
import { toRows, withAnalysis } from './results';

const ok_ = (listing: Listing) => ({ kind: 'ok' as const, listing });
const example = DOCUMENTED.quietnessSingle.response as Listing;

function listingWith(over: {
  day?: number;
  night?: number;
  sources?: { category: string; name: string; db: number }[];
}): Listing {
  return {
    ...example,
    quiet_day_night: {
      ...example.quiet_day_night,
      quiet_score_day: over.day ?? example.quiet_day_night.quiet_score_day,
      quiet_score_night: over.night ?? example.quiet_day_night.quiet_score_night,
    },
    noise_sources: (over.sources ?? []).map((s) => ({
      name: s.name,
      category: s.category,
      nearest_source: `${s.name} nearby`,
      distance: 1,
      estimated_effective_db: s.db,
    })),
  };
}

describe('analysis derivations', () => {
  it('takes the loudest source as dominant, whatever the API’s order', () => {
    const l = listingWith({
      sources: [
        { category: 'restaurants', name: 'Restaurants/Cafes', db: 54.6 },
        { category: 'major_highways', name: 'Highways/Freeways', db: 73.5 },
        { category: 'airports', name: 'Airports', db: 57.6 },
      ],
    });
    expect(dominantSource(l)?.category).toBe('major_highways');
    expect(sourcesByLoudness(l).map((s) => s.category)).toEqual([
      'major_highways',
      'airports',
      'restaurants',
    ]);
    expect(dominantSource(listingWith({ sources: [] }))).toBeNull();
  });

  it('gives the night penalty as day minus night score', () => {
    expect(nightPenalty(example)).toBe(10);
    expect(nightPenalty(listingWith({ day: 40, night: 55 }))).toBe(-15);
    expect([-15, -10, -9, -3, -2, 0, 2, 3, 9, 10, 30].map((p) => penaltyClass(p).key)).toEqual([
      'much-better',
      'much-better',
      'better',
      'better',
      'same',
      'same',
      'same',
      'worse',
      'worse',
      'much-worse',
      'much-worse',
    ]);
  });
});

describe('color scales', () => {
  const rows = toRows(statusPayload(20).results);
  const ok = rows.filter((r) => r.band);
  // The first three successful rows analyzed: night 25 (Noisy), penalty +40; and a highway.
  const analyzed = new Map(
    ok.slice(0, 3).map((r, i) => [
      r.selectionKey,
      ok_(
        listingWith({
          day: 65,
          night: 25,
          sources:
            i === 2
              ? [{ category: 'rail', name: 'Railways', db: 60 }]
              : [{ category: 'major_highways', name: 'Highways/Freeways', db: 70 }],
        }),
      ),
    ]),
  );
  const withIt = withAnalysis(rows, analyzed);

  it('reads the mode from the URL, overall by default', () => {
    expect(readColorMode(new URLSearchParams('color=night'))).toBe('night');
    expect(readColorMode(new URLSearchParams('color=loud'))).toBe('overall');
    expect(readColorMode(new URLSearchParams())).toBe('overall');
  });

  it('colors overall by the band, and analysis modes by the analysis or as not loaded', () => {
    const overall = colorScale('overall', withIt);
    const night = colorScale('night', withIt);
    const first = withIt[ok[0]!.index]!;
    const unanalyzed = withIt[ok[5]!.index]!;
    const failed = withIt.find((r) => !r.band)!;
    expect(overall.classOf(first)?.color).toBe(first.band?.color);
    expect(night.classOf(first)?.key).toBe('Noisy');
    expect(night.valueOf(first)).toEqual({ text: '25', sort: 25 });
    expect(night.classOf(unanalyzed)).toBe(NOT_ANALYZED);
    expect(night.classOf(failed)).toBeNull();
    expect(colorScale('night-penalty', withIt).valueOf(first)?.text).toBe('+40');
    expect(colorScale('night-penalty', withIt).classOf(first)?.key).toBe('much-worse');
  });

  it('lists the sources the rows hold, the documented ones first, with their own colors', () => {
    const scale = colorScale('source', withIt);
    expect(scale.classes.map((c) => [c.key, c.label])).toEqual([
      ['major_highways', 'Highways/Freeways'],
      ['rail', 'Railways'],
      ['none', 'No source listed'],
    ]);
    const counts = countByClass(scale, withIt);
    expect(counts.get('major_highways')).toBe(2);
    expect(counts.get('rail')).toBe(1);
    expect(counts.get(NOT_ANALYZED.key)).toBe(ok.length - 3);
    expect(new Set(scale.classes.map((c) => c.color)).size).toBe(scale.classes.length);
  });
});

describe('keptColorScale', () => {
  const rows = toRows(statusPayload(40).results);
  const ok = rows.filter((r) => r.band);
  const source = (category: string, name: string) =>
    ok_(listingWith({ sources: [{ category, name, db: 70 }] }));
  const analyzed = new Map([
    [ok[0]!.selectionKey, source('major_highways', 'Highways/Freeways')],
    [ok[1]!.selectionKey, source('airports', 'Airports')],
    [ok[9]!.selectionKey, source('major_highways', 'Highways/Freeways')],
    [ok[12]!.selectionKey, source('rail', 'Railways')],
  ]);
  const all = withAnalysis(rows, analyzed);
  /** The rows as polls bring them, each list appending to the one before: up to the 2nd, the
   * 10th and the 13th successful row. */
  const polls = [1, 9, 12].map((k) => all.slice(0, ok[k]!.index + 1));

  it('keeps the scale a poll leaves unchanged, and makes one when a source appears', () => {
    const scaleOf = keptColorScale();
    const first = scaleOf('source', polls[0]!);
    // The second poll adds a highway: the same classes, the same scale.
    expect(scaleOf('source', polls[1]!)).toBe(first);
    // The third brings a railway: a new class.
    const third = scaleOf('source', polls[2]!);
    expect(third).not.toBe(first);
    expect(third.classes.map((c) => c.key)).toEqual(['major_highways', 'airports', 'rail', 'none']);
    // What the polls built up is what the rows give from scratch.
    expect(third.classes).toEqual(colorScale('source', polls[2]!).classes);
  });

  it('gives the fixed scales as they are, and the same sources after a switch back', () => {
    const scaleOf = keptColorScale();
    expect(scaleOf('night', all)).toBe(colorScale('night', []));
    const source = scaleOf('source', all);
    expect(scaleOf('overall', all)).toBe(colorScale('overall', []));
    expect(scaleOf('source', all).classes).toEqual(source.classes);
  });
});

import { describe, expect, it } from 'vitest';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import type { Listing } from '@/contract/schemas';
import { statusPayload } from '@/test/session-fixtures';
import { dominantSource, nightPenalty, sourcesByLoudness } from './analysis';
import { colorScale, countByClass, NOT_ANALYZED, penaltyClass, readColorMode } from './color-modes';
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

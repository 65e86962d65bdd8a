import { beforeAll, describe, expect, it } from 'vitest';
import { listing, QUIETNESS_LEVELS } from '../../src/contract/schemas';
import { levelForScore } from '../../src/contract/score-bands';
import { formatApiTimestamp } from '../../src/contract/timestamps';
import type { ListingAnalysis, ScoringModel } from './model';
import { scoreForDb } from './model';
import { testModel } from './test-model';

let model: ScoringModel;
beforeAll(() => {
  model = testModel();
}, 120_000);

function analysis(lat: number, lng: number): ListingAnalysis {
  const r = model.analyzeLocation(lat, lng);
  if (!r.ok) throw new Error(`expected (${lat}, ${lng}) to be scorable, got ${r.reason}`);
  return r.analysis;
}

const at = (p: readonly [number, number]) => analysis(p[0], p[1]);

/** A small deterministic PRNG so property tests sample the same places every run. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = {
  heathrowFence: [51.4775, -0.4614],
  oxfordshireFarmland: [51.75, -1.0], // ≈45 km north-west of Heathrow
  jfkFence: [40.6413, -73.7781],
  catskillsFarmland: [41.95, -74.55],
  tokyoCentre: [35.6812, 139.7671],
  parisCentre: [48.8566, 2.3522],
  manhattan: [40.758, -73.9855],
  grindelwald: [46.6242, 8.0414], // a village of ≈4,000
  zermatt: [46.0207, 7.7491], // ≈5,800
} as const;

describe('analyzeLocation: ordering on real places', () => {
  it('scores a hub airport fence below farmland ≈40 km away', () => {
    expect(at(PLACES.heathrowFence).quiet_score).toBeLessThan(
      at(PLACES.oxfordshireFarmland).quiet_score - 30,
    );
    expect(at(PLACES.jfkFence).quiet_score).toBeLessThan(
      at(PLACES.catskillsFarmland).quiet_score - 30,
    );
  });

  it('scores the centre of a city of millions below a village of a few thousand', () => {
    for (const city of [PLACES.tokyoCentre, PLACES.parisCentre, PLACES.manhattan]) {
      for (const village of [PLACES.grindelwald, PLACES.zermatt]) {
        expect(at(city).quiet_score).toBeLessThan(at(village).quiet_score - 20);
      }
    }
  });

  it('names the airport as the loudest source at its fence', () => {
    const a = at(PLACES.jfkFence);
    expect(a.noise_sources[0]).toMatchObject({
      category: 'airports',
      nearest_source: expect.stringContaining('John F Kennedy'),
    });
  });

  it('is quieter at night, yet scores lower there where activity dominates: night counts more', () => {
    for (const p of [PLACES.tokyoCentre, PLACES.parisCentre, PLACES.manhattan]) {
      const dn = at(p).quiet_day_night;
      expect(dn.estimated_noise_db_night).toBeLessThan(dn.estimated_noise_db_day);
      // Traffic drops 8 dB at night; the night curve is 10 dB stricter.
      expect(dn.quiet_score_night).toBeLessThan(dn.quiet_score_day);
    }
    // A hub runs at night too (−6 dB): its fence is worse at night still.
    const fence = at(PLACES.heathrowFence).quiet_day_night;
    expect(fence.quiet_score_day - fence.quiet_score_night).toBeGreaterThanOrEqual(6);
  });
});

describe('analyzeLocation: land and sea', () => {
  it.each([
    ['mid-Atlantic', 40, -40],
    ['central Pacific', 0, -150],
    ['North Sea', 55, 3],
    ['Tokyo Bay', 35.5, 139.85],
    ['Mediterranean', 38, 5],
  ])('the %s is unscorable', (_name, lat, lng) => {
    expect(model.analyzeLocation(lat, lng)).toEqual({ ok: false, reason: 'sea' });
  });

  it.each([
    ['Lagos Island, Nigeria', 6.4541, 3.3947],
    ['Vík, Iceland', 63.4186, -19.006],
    ['Reine, Lofoten', 67.9324, 13.0887],
    ['Hvar town, Croatia', 43.1729, 16.4411],
    ['Ushuaia, Argentina', -54.8019, -68.303],
  ])(
    'a harbour town just off the 1:10m coastline is scored, with low confidence: %s',
    (_name, lat, lng) => {
      const r = model.analyzeLocation(lat, lng);
      expect(r.ok).toBe(true);
      if (r.ok) expect(['low', 'medium']).toContain(r.analysis.quiet_score_confidence);
    },
  );

  it.each([
    ['Valletta, Malta', 35.8989, 14.5146],
    ['Jamestown, St Helena', -15.9244, -5.7181],
    ['Tristan da Cunha', -37.11, -12.28],
    ['Taveuni, Fiji (across 180°)', -16.9, -179.9],
  ])('a small island is scorable: %s', (_name, lat, lng) => {
    expect(model.analyzeLocation(lat, lng).ok).toBe(true);
  });
});

describe('analyzeLocation: properties', () => {
  const rand = mulberry32(42);
  const samples: [number, number][] = [];
  for (let i = 0; i < 3000; i++) samples.push([rand() * 130 - 55, rand() * 360 - 180]);

  it('is continuous: points 100 m apart differ by at most 3 points', () => {
    let compared = 0;
    for (const [lat, lng] of samples) {
      const a = model.analyzeLocation(lat, lng);
      const b = model.analyzeLocation(lat + 0.0009, lng); // 100 m north
      if (!a.ok || !b.ok) continue;
      compared++;
      expect(
        Math.abs(a.analysis.quiet_score - b.analysis.quiet_score),
        `${lat},${lng}`,
      ).toBeLessThanOrEqual(3);
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('stays continuous inside a dense city, where sources change fastest', () => {
    const [lat0, lng0] = PLACES.parisCentre;
    for (let i = 0; i < 200; i++) {
      const lat = lat0 + (i % 20) * 0.004;
      const lng = lng0 + Math.floor(i / 20) * 0.006;
      expect(
        Math.abs(analysis(lat, lng).quiet_score - analysis(lat, lng + 0.0013).quiet_score),
      ).toBeLessThanOrEqual(3);
    }
  });

  it('gives every output valid against the shared listing schema, with its level from the band module', () => {
    const seen = new Set<string>();
    for (const [lat, lng] of samples.slice(0, 1500)) {
      const r = model.analyzeLocation(lat, lng);
      if (!r.ok) continue;
      const now = formatApiTimestamp(0);
      const parsed = listing.safeParse({
        listing_id: 'x',
        created_at: now,
        updated_at: now,
        ...r.analysis,
      });
      expect(parsed.success, JSON.stringify(parsed.error?.issues[0])).toBe(true);
      const a = r.analysis;
      expect(a.quietness_level).toBe(levelForScore(a.quiet_score));
      expect(a.quiet_score).toBe(
        Math.round((a.quiet_day_night.quiet_score_day + a.quiet_day_night.quiet_score_night) / 2),
      );
      const dbs = a.noise_sources.map((s) => s.estimated_effective_db);
      expect(dbs).toEqual([...dbs].sort((x, y) => y - x));
      for (const s of a.noise_sources) {
        expect(s.distance).toBe(Math.round(s.distance * 100) / 100);
        expect(s.nearest_source.length).toBeGreaterThan(0);
      }
      expect(a.quiet_day_night.estimated_noise_db_day).toBe(
        Math.round(a.quiet_day_night.estimated_noise_db_day * 10) / 10,
      );
      seen.add(a.quietness_level);
    }
    for (const p of Object.values(PLACES)) seen.add(at(p).quietness_level);
    expect([...seen].sort()).toEqual([...QUIETNESS_LEVELS].sort());
  });

  it('is deterministic and works at 6 decimals', () => {
    const a = model.analyzeLocation(48.85661234, 2.35224321);
    const b = model.analyzeLocation(48.8566123, 2.3522432);
    expect(a).toEqual(b);
    expect(model.analyzeLocation(48.85661234, 2.35224321)).toEqual(a);
    if (a.ok) expect([a.analysis.lat, a.analysis.lng]).toEqual([48.856612, 2.352243]);
  });

  it('does not crash at the poles and the antimeridian', () => {
    for (const [lat, lng] of [
      [90, 0],
      [-90, 0],
      [90, 180],
      [-90, -180],
      [0, 180],
      [0, -180],
      [65, 180],
      [65, -180],
      [-16.5, 180],
      [71, -179.999999],
    ] as const) {
      const r = model.analyzeLocation(lat, lng);
      expect(typeof r.ok).toBe('boolean');
    }
    expect(model.analyzeLocation(91, 0)).toEqual({ ok: false, reason: 'invalid' });
    expect(model.analyzeLocation(Number.NaN, 0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('uses the local time zone at the point', () => {
    expect(at(PLACES.tokyoCentre).quiet_day_night.time_zone).toBe('Asia/Tokyo');
    expect(at(PLACES.manhattan).quiet_day_night.time_zone).toBe('America/New_York');
  });

  it('never claims high confidence inside a big town, where road noise it cannot see dominates', () => {
    expect(at(PLACES.parisCentre).quiet_score_confidence).not.toBe('high');
    expect(at(PLACES.grindelwald).quiet_score_confidence).toBe('high');
  });
});

describe('scoreForDb and the bands at their documented boundaries', () => {
  it.each([
    [79, 'Quiet'],
    [80, 'Very Quiet'],
    [59, 'Moderate'],
    [60, 'Quiet'],
    [39, 'Noisy'],
    [40, 'Moderate'],
    [19, 'Very Noisy'],
    [20, 'Noisy'],
    [0, 'Very Noisy'],
    [100, 'Very Quiet'],
  ])('score %i is %s', (score, level) => {
    expect(levelForScore(score)).toBe(level);
  });

  it('scores the documented example’s levels as documented: 48.2 dBA by day, 42.5 at night', () => {
    const day = scoreForDb(48.2, 'day');
    const night = scoreForDb(42.5, 'night');
    expect(Math.abs(day - 75)).toBeLessThanOrEqual(2);
    expect(Math.abs(night - 65)).toBeLessThanOrEqual(2);
    expect(Math.round((day + night) / 2)).toBe(70);
    // The day's bands sit 10 dB higher, still 10 dB apart.
    expect([45, 55, 65, 75].map((db) => scoreForDb(db, 'day'))).toEqual([80, 60, 40, 20]);
  });

  it('maps 10 dB steps onto the band boundaries', () => {
    expect(scoreForDb(35, 'night')).toBe(80);
    expect(scoreForDb(35.5, 'night')).toBe(79);
    expect(scoreForDb(45, 'night')).toBe(60);
    expect(scoreForDb(55, 'night')).toBe(40);
    expect(scoreForDb(65, 'night')).toBe(20);
    expect(scoreForDb(65.5, 'night')).toBe(19);
    expect(scoreForDb(10, 'night')).toBe(100);
    expect(scoreForDb(90, 'night')).toBe(0);
  });
});

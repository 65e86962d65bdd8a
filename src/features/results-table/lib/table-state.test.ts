import Papa from 'papaparse';
import { parseApiTimestamp } from '@/contract/timestamps';
import { describe, expect, it } from 'vitest';
import { coordinateKey } from '@/contract/coordinates';
import type { SessionInput } from '@/lib/browser-db';
import { colorScale } from '@/lib/color-modes';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import type { Listing } from '@/contract/schemas';
import { toRows, withAnalysis, withInput } from '@/lib/results';
import { statusPayload } from '@/test/session-fixtures';
import type { SessionResult } from '@/contract/schemas';
import { failedLocationsCsv, resultsToCsv, resultsToGeoJson } from './exports';
import {
  DEFAULT_TABLE_STATE,
  filterRows,
  isUnfiltered,
  filtersNeedAnalysis,
  type TableState,
  readTableState,
  sortRows,
  toggleBand,
  writeTableState,
} from './table-state';

const rows = toRows(statusPayload(20).results);

describe('table state in the URL', () => {
  it('round-trips through search params, keeping other params', () => {
    const state = {
      status: 'success' as const,
      bands: ['Very Quiet', 'Noisy'],
      sources: ['major_highways', 'airports'],
      nightBelow: 40,
      query: '48.9',
      sort: 'score' as const,
      dir: 'desc' as const,
    };
    const params = writeTableState(new URLSearchParams('listing=abc'), state);
    expect(params.get('listing')).toBe('abc');
    expect(params.getAll('band')).toEqual(['very-quiet', 'noisy']);
    expect(params.getAll('source')).toEqual(['major_highways', 'airports']);
    expect(params.get('night_below')).toBe('40');
    expect(readTableState(params)).toEqual(state);
    expect(writeTableState(new URLSearchParams(), DEFAULT_TABLE_STATE).toString()).toBe('');
  });

  it('ignores unknown values', () => {
    expect(
      readTableState(
        new URLSearchParams('status=maybe&band=loud&sort=x&dir=up&night_below=x&source=<b>'),
      ),
    ).toEqual(DEFAULT_TABLE_STATE);
  });

  it('toggles bands', () => {
    const on = toggleBand(DEFAULT_TABLE_STATE, 'Quiet');
    expect(on.bands).toEqual(['Quiet']);
    expect(toggleBand(on, 'Quiet').bands).toEqual([]);
  });
});

describe('filterRows and sortRows', () => {
  it('without a filter, hands back the rows themselves, and says there is none', () => {
    expect(isUnfiltered(DEFAULT_TABLE_STATE)).toBe(true);
    expect(filterRows(rows, DEFAULT_TABLE_STATE)).toBe(rows);
    for (const set of [
      { status: 'failed' as const },
      { bands: ['Quiet'] },
      { query: '48' },
      { sources: ['road'] },
      { nightBelow: 50 },
    ])
      expect(isUnfiltered({ ...DEFAULT_TABLE_STATE, ...set })).toBe(false);
  });

  it('filters by status, band and search', () => {
    expect(filterRows(rows, { ...DEFAULT_TABLE_STATE, status: 'failed' })).toHaveLength(4);
    const veryNoisy = filterRows(rows, { ...DEFAULT_TABLE_STATE, bands: ['Very Noisy'] });
    expect(
      veryNoisy.every((r) => r.result.status === 'success' && r.result.quiet_score <= 19),
    ).toBe(true);
    expect(veryNoisy.length).toBeGreaterThan(0);
    const byId = filterRows(rows, { ...DEFAULT_TABLE_STATE, query: '000000000003' });
    expect(byId.map((r) => r.index)).toEqual([3]);
    const byCoords = filterRows(rows, { ...DEFAULT_TABLE_STATE, query: '48.030, 2.030' });
    expect(byCoords.map((r) => r.index)).toEqual([3]);
  });

  it('finds places near a typed pair, within one unit of its last decimal', () => {
    const places = toRows(
      [
        [48.854, 2.346],
        [48.8566, 2.3522],
        [48.87, 2.35],
        [-33.87, 151.2],
      ].map(([lat, lng], i) => ({
        ...(statusPayload(1).results[0] as SessionResult),
        lat: lat as number,
        lng: lng as number,
        listing_id: `00000000-0000-4000-8000-00000000000${i}`,
      })),
    );
    const find = (query: string) =>
      filterRows(places, { ...DEFAULT_TABLE_STATE, query }).map((r) => r.index);
    // The search field's own example.
    expect(find('48.85, 2.35')).toEqual([0, 1]);
    expect(find('48.85 2.35')).toEqual([0, 1]);
    expect(find('48.9, 2.4')).toEqual([0, 1, 2]);
    expect(find('48.8566,2.3522')).toEqual([1]);
    expect(find('-33.87, 151.2')).toEqual([3]);
    expect(find('12.34, 56.78')).toEqual([]);
  });

  it('finds coordinates as sent and as the table rounds them', () => {
    const precise = toRows([
      { ...(statusPayload(1).results[0] as SessionResult), lat: 48.123456789, lng: 2.987654321 },
    ]);
    const find = (query: string) =>
      filterRows(precise, { ...DEFAULT_TABLE_STATE, query }).map((r) => r.index);
    expect(find('48.123456789, 2.98765')).toEqual([0]);
    expect(find('48.12346, 2.98765')).toEqual([0]);
    expect(find('48.12347')).toEqual([]);
  });

  it('sorts by score both ways, failed last ascending, ties in session order', () => {
    const asc = sortRows(rows, 'score', 'asc');
    const scores = asc.map((r) => (r.result.status === 'success' ? r.result.quiet_score : -1));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const desc = sortRows(rows, 'score', 'desc');
    expect(desc[0]?.result.status).toBe('success');
    expect(sortRows(rows, 'status', 'asc')[0]?.result.status).toBe('failed');
  });

  it('sorts by session order both ways', () => {
    const order = (dir: 'asc' | 'desc') => sortRows(rows, 'index', dir).map((r) => r.index);
    expect(order('asc')).toEqual(rows.map((r) => r.index));
    expect(order('desc')).toEqual(rows.map((r) => r.index).reverse());
  });
});

describe('exports', () => {
  it('writes a CSV that parses back to the same results', () => {
    const csv = resultsToCsv(rows);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([
      'lat',
      'lng',
      'status',
      'quiet_score',
      'quietness_level',
      'listing_id',
      'error',
      'analyzed_at',
    ]);
    expect(parsed.data).toHaveLength(20);
    parsed.data.forEach((line, i) => {
      const r = rows[i]?.result as SessionResult;
      expect(Number(line.lat)).toBe(r.lat);
      expect(Number(line.lng)).toBe(r.lng);
      expect(line.status).toBe(r.status);
      // The API's naive UTC time, written as ISO 8601 with its zone.
      expect(line.analyzed_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(line.analyzed_at ?? '')).toBe(parseApiTimestamp(r.analyzed_at));
      if (r.status === 'success')
        expect([Number(line.quiet_score), line.listing_id]).toEqual([r.quiet_score, r.listing_id]);
      else expect(line.error).toBe(r.error);
    });
  });

  it('defuses spreadsheet formulas and quotes commas and quotes', () => {
    const nasty = toRows([
      {
        lat: 1,
        lng: -2,
        status: 'failed',
        error: '=HYPERLINK("x"), "quoted"',
        analyzed_at: '2026-01-15T10:30:00',
      },
    ]);
    const parsed = Papa.parse<Record<string, string>>(resultsToCsv(nasty), { header: true });
    expect(parsed.data[0]?.error).toBe('\'=HYPERLINK("x"), "quoted"');
    expect(parsed.data[0]?.lng).toBe('-2');
  });

  it('writes GeoJSON points with every field', () => {
    const geo = resultsToGeoJson(rows);
    expect(geo.features).toHaveLength(20);
    const first = geo.features[0];
    expect(first?.geometry.coordinates).toEqual([rows[0]?.result.lng, rows[0]?.result.lat]);
    expect(first?.properties).toMatchObject({
      status: 'success',
      listing_id: expect.any(String),
      quiet_score: expect.any(Number),
    });
    const failed = geo.features.find((f) => f.properties.status === 'failed');
    expect(failed?.properties).toMatchObject({ error: 'Failed to calculate quietness score' });
    expect(JSON.parse(JSON.stringify(geo))).toEqual(geo);
  });

  it('writes the failed locations as lat,lng rows', () => {
    const parsed = Papa.parse<Record<string, string>>(failedLocationsCsv(rows), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.meta.fields).toEqual(['lat', 'lng']);
    expect(parsed.data.map((d) => [Number(d.lat), Number(d.lng)])).toEqual(
      rows.filter((r) => r.result.status === 'failed').map((r) => [r.result.lat, r.result.lng]),
    );
  });
});

describe("the user's own columns", () => {
  // Input rows for the first three results (in reverse file order), the rest unknown.
  const input: SessionInput = {
    columns: ['id', 'name', 'status'],
    source: 'hotels.csv',
    rows: Object.fromEntries(
      rows.slice(0, 3).map((r, i) => [
        coordinateKey(r.result.lat, r.result.lng),
        {
          inputRow: 4 - i,
          lat: r.result.lat.toFixed(4),
          lng: r.result.lng.toFixed(4),
          values: [`H-${10 - i}`, ['Hotel Lutetia, Paris', 'Le Bristol', 'Ritz'][i] ?? '', 'open'],
        },
      ]),
    ),
  };
  const mine = withInput(rows, input);

  it('come back with the results they match, named by their name column', () => {
    expect(mine.slice(0, 4).map((r) => [r.input?.inputRow, r.label])).toEqual([
      [4, 'Hotel Lutetia, Paris'],
      [3, 'Le Bristol'],
      [2, 'Ritz'],
      [undefined, null],
    ]);
    // The same rows across polls: memoized views keep them.
    expect(withInput(rows, input)[0]).toBe(mine[0]);
  });

  it("are searched and sorted like the results' own", () => {
    const q = (query: string) =>
      filterRows(mine, { ...DEFAULT_TABLE_STATE, query }).map((r) => r.label);
    expect(q('hotel lutetia')).toEqual(['Hotel Lutetia, Paris']);
    expect(q('H-9')).toEqual(['Le Bristol']);
    const byName = sortRows(mine.slice(0, 3), 'input:1', 'asc').map((r) => r.label);
    expect(byName).toEqual(['Hotel Lutetia, Paris', 'Le Bristol', 'Ritz']);
    expect(readTableState(new URLSearchParams('sort=input:1')).sort).toBe('input:1');
    expect(readTableState(new URLSearchParams('sort=input:x')).sort).toBe('index');
  });

  it('lead every export: input_row, the columns (ours kept apart), the coordinates as written', () => {
    const csv = Papa.parse<Record<string, string>>(resultsToCsv(mine, input.columns), {
      header: true,
      skipEmptyLines: true,
    });
    expect(csv.meta.fields?.slice(0, 6)).toEqual([
      'input_row',
      'id',
      'name',
      'input_status',
      'input_lat',
      'input_lng',
    ]);
    expect(csv.data[0]).toMatchObject({
      input_row: '4',
      id: 'H-10',
      name: 'Hotel Lutetia, Paris',
      input_status: 'open',
      status: 'success',
    });
    expect(csv.data[3]).toMatchObject({ input_row: '', name: '', status: rows[3]?.result.status });
    const geo = resultsToGeoJson(mine, input.columns);
    expect(geo.features[1]?.properties).toMatchObject({
      input_row: 3,
      id: 'H-9',
      name: 'Le Bristol',
    });
    expect(geo.features[3]?.properties).not.toHaveProperty('input_row');
  });
});

describe('filters and sort of the full analysis', () => {
  const ok = rows.filter((r) => r.band);
  const listingOf = (night: number, category: string | null): Listing => {
    const base = DOCUMENTED.quietnessSingle.response as Listing;
    return {
      ...base,
      quiet_day_night: { ...base.quiet_day_night, quiet_score_night: night },
      noise_sources: category
        ? [{ ...base.noise_sources[0]!, category, name: category, estimated_effective_db: 60 }]
        : [],
    };
  };
  // Three analyzed rows: a highway at night 30, an airport at night 70, none listed at night 50.
  const analyzed = withAnalysis(
    rows,
    new Map(
      [
        [ok[0]!.selectionKey, listingOf(30, 'major_highways')],
        [ok[1]!.selectionKey, listingOf(70, 'airports')],
        [ok[2]!.selectionKey, listingOf(50, null)],
      ].map(([key, listing]) => [
        key as string,
        { kind: 'ok' as const, listing: listing as Listing },
      ]),
    ),
  );

  it('filters by dominant source and by night score, leaving out rows not analyzed', () => {
    const by = (over: Partial<TableState>) =>
      filterRows(analyzed, { ...DEFAULT_TABLE_STATE, ...over }).map((r) => r.index);
    expect(by({ sources: ['major_highways'] })).toEqual([ok[0]!.index]);
    expect(by({ sources: ['airports', 'none'] })).toEqual([ok[1]!.index, ok[2]!.index]);
    expect(by({ nightBelow: 51 })).toEqual([ok[0]!.index, ok[2]!.index]);
    expect(by({ nightBelow: 30 })).toEqual([]);
    expect(by({ sources: ['major_highways'], nightBelow: 31 })).toEqual([ok[0]!.index]);
    expect(filtersNeedAnalysis({ sources: [], nightBelow: null })).toBe(false);
  });

  it('sorts the score column by what the color mode shows, rows without it last', () => {
    const night = colorScale('night', analyzed);
    const asc = sortRows(analyzed, 'score', 'asc', night).map((r) => r.index);
    expect(asc.slice(0, 3)).toEqual([ok[0]!.index, ok[2]!.index, ok[1]!.index]);
    const desc = sortRows(analyzed, 'score', 'desc', night).map((r) => r.index);
    expect(desc.slice(0, 3)).toEqual([ok[1]!.index, ok[2]!.index, ok[0]!.index]);
    expect(desc.slice(3)).toEqual(asc.slice(3));
  });
});

describe('exports of the full analysis', () => {
  const ok = rows.filter((r) => r.band);
  const example = DOCUMENTED.quietnessSingle.response as Listing;
  // The API's sources out of order: the export lists them loudest first.
  const shuffled: Listing = {
    ...example,
    noise_sources: [
      example.noise_sources[2]!,
      example.noise_sources[0]!,
      example.noise_sources[1]!,
    ],
  };
  const analyzed = withAnalysis(
    rows,
    new Map([
      [ok[0]!.selectionKey, { kind: 'ok' as const, listing: shuffled }],
      [ok[1]!.selectionKey, { kind: 'failed' as const, message: 'Listing limit reached' }],
    ]),
  );

  it('writes every field of the full listing, sources loudest first in mi and km', () => {
    const csv = Papa.parse<Record<string, string>>(resultsToCsv(analyzed), { header: true });
    const first = csv.data[ok[0]!.index]!;
    expect(first).toMatchObject({
      quiet_score_day: '75',
      quiet_score_night: '65',
      night_penalty: '10',
      noise_dba_day_modeled: '48.2',
      noise_dba_night_modeled: '42.5',
      quiet_score_confidence: 'high',
      dominant_source: 'major_highways',
      source_1_category: 'major_highways',
      source_1_name: 'Highways/Freeways',
      source_1_nearest: 'Freeway Ramp to San Mateo Boulevard',
      source_1_distance_mi: '0.72',
      source_1_distance_km: '1.16',
      source_2_category: 'airports',
      source_3_category: 'restaurants',
      source_3_distance_km: '0.16',
      analysis_unavailable: '',
    });
    expect(csv.data[ok[1]!.index]).toMatchObject({
      quiet_score_day: '',
      analysis_unavailable: 'Listing limit reached',
    });
    const geo = resultsToGeoJson(analyzed);
    expect(geo.features[ok[0]!.index]?.properties).toMatchObject({
      quiet_score_night: 65,
      source_2_distance_km: 5.49,
    });
    expect(geo.features[ok[1]!.index]?.properties).toMatchObject({
      analysis_unavailable: 'Listing limit reached',
    });
  });
});

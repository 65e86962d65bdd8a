/** CSV and GeoJSON exports of session results, with a real CSV writer (papaparse). */
import { nightPenalty, sourcesByLoudness } from '@/lib/analysis';
import Papa from 'papaparse';
import { parseApiTimestamp } from '@/contract/timestamps';
import type { ResultRow } from '@/lib/results';
import { formatIsoUtc } from '@/lib/time-format';
import { KM_PER_MILE } from '@/contract/units';

const COLUMNS = [
  'lat',
  'lng',
  'status',
  'quiet_score',
  'quietness_level',
  'listing_id',
  'error',
  'analyzed_at',
] as const;

function flat(row: ResultRow): Record<(typeof COLUMNS)[number], string | number> {
  const r = row.result;
  return {
    lat: r.lat,
    lng: r.lng,
    status: r.status,
    quiet_score: r.status === 'success' ? r.quiet_score : '',
    quietness_level: row.band?.level ?? '',
    listing_id: r.status === 'success' ? r.listing_id : '',
    error: r.status === 'failed' ? r.error : '',
    analyzed_at: isoOrAsIs(r.analyzed_at),
  };
}

/** The API's naive UTC time as ISO 8601 with its `Z`; a value we cannot read, as it came. */
function isoOrAsIs(apiTimestamp: string): string {
  const ms = parseApiTimestamp(apiTimestamp);
  return ms === null ? apiTimestamp : formatIsoUtc(ms);
}

/**
 * The user's input row first, when it is known: `input_row` (its line in their file), their
 * own columns, and the coordinates as they wrote them (`input_lat`, `input_lng`). A column named
 * like one of ours is prefixed `input_`, so neither hides the other.
 */
function inputHeader(columns: readonly string[]): string[] {
  const taken = new Set<string>([...COLUMNS, 'input_row', 'input_lat', 'input_lng']);
  return [
    'input_row',
    ...columns.map((c) => (taken.has(c) ? `input_${c}` : c)),
    'input_lat',
    'input_lng',
  ];
}

function inputValues(row: ResultRow, columns: readonly string[]): (string | number)[] {
  const input = row.input;
  return [
    input?.inputRow ?? '',
    ...columns.map((_, i) => input?.values[i] ?? ''),
    input?.lat ?? '',
    input?.lng ?? '',
  ];
}

/** Rows given their input (`withInput`), even if none matched: the input columns are exported. */
const hasInput = (rows: readonly ResultRow[]) => rows.some((r) => r.input !== undefined);

/** Rows of a run of several sessions: each names its own in `session_id`, first. */
const hasSessions = (rows: readonly ResultRow[]) => rows.some((r) => r.sessionId !== undefined);

const SOURCES = 3;

/** The full analysis's fields, when loaded: day and night, confidence, the top three sources. */
function analysisHeader(): string[] {
  const sources = Array.from({ length: SOURCES }, (_, i) =>
    ['category', 'name', 'nearest', 'distance_mi', 'distance_km', 'db'].map(
      (f) => `source_${i + 1}_${f}`,
    ),
  ).flat();
  return [
    'quiet_score_day',
    'quiet_score_night',
    'night_penalty',
    'noise_dba_day_modeled',
    'noise_dba_night_modeled',
    'quiet_score_confidence',
    'dominant_source',
    ...sources,
    'analysis_unavailable',
  ];
}

function analysisValues(row: ResultRow): (string | number)[] {
  const a = row.analysis;
  if (!a)
    return [
      ...analysisHeader()
        .slice(0, -1)
        .map(() => ''),
      row.analysisProblem?.message ?? '',
    ];
  const dn = a.quiet_day_night;
  const loudest = sourcesByLoudness(a);
  const sources = Array.from({ length: SOURCES }, (_, i) => {
    const s = loudest[i];
    return s
      ? [
          s.category,
          s.name,
          s.nearest_source,
          s.distance,
          Math.round(s.distance * KM_PER_MILE * 100) / 100,
          s.estimated_effective_db,
        ]
      : ['', '', '', '', '', ''];
  }).flat();
  return [
    dn.quiet_score_day,
    dn.quiet_score_night,
    nightPenalty(a),
    dn.estimated_noise_db_day,
    dn.estimated_noise_db_night,
    a.quiet_score_confidence,
    loudest[0]?.category ?? '',
    ...sources,
    '',
  ];
}

const hasAnalysis = (rows: readonly ResultRow[]) =>
  rows.some((r) => r.analysis || r.analysisProblem);

/**
 * Every field of the status results, after the user's own (see `inputHeader`), and the full
 * analysis's when loaded; text that looks like a formula is defused for spreadsheets.
 */
export function resultsToCsv(rows: readonly ResultRow[], columns: readonly string[] = []): string {
  const lead = hasInput(rows);
  const full = hasAnalysis(rows);
  const run = hasSessions(rows);
  return Papa.unparse(
    {
      fields: [
        ...(run ? ['session_id'] : []),
        ...(lead ? inputHeader(columns) : []),
        ...COLUMNS,
        ...(full ? analysisHeader() : []),
      ],
      data: rows.map((r) => [
        ...(run ? [r.sessionId ?? ''] : []),
        ...(lead ? inputValues(r, columns) : []),
        ...COLUMNS.map((c) => flat(r)[c]),
        ...(full ? analysisValues(r) : []),
      ]),
    },
    { escapeFormulae: true },
  );
}

export function resultsToGeoJson(rows: readonly ResultRow[], columns: readonly string[] = []) {
  const header = hasInput(rows) ? inputHeader(columns) : [];
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((row) => {
      const { lat, lng, ...properties } = flat(row);
      const input = header.length ? inputValues(row, columns) : [];
      const full = row.analysis || row.analysisProblem ? analysisValues(row) : [];
      return {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [Number(lng), Number(lat)] },
        properties: Object.fromEntries(
          [
            ['session_id', row.sessionId ?? ''] as const,
            ...header.map((k, i) => [k, input[i] ?? ''] as const),
            ...Object.entries(properties),
            ...(full.length ? analysisHeader().map((k, i) => [k, full[i] ?? ''] as const) : []),
          ].filter(([, v]) => v !== ''),
        ),
      };
    }),
  };
}

/** The failed locations as `lat,lng` rows: the create-session page reads this file as it is. */
export function failedLocationsCsv(rows: readonly ResultRow[]): string {
  return locationsCsv(rows.filter((r) => r.result.status === 'failed').map((r) => r.result));
}

/** A rejected chunk's locations as `lat,lng` rows, to fix and submit again. */
export function locationsCsv(locations: readonly { lat: number; lng: number }[]): string {
  return Papa.unparse({ fields: ['lat', 'lng'], data: locations.map((l) => [l.lat, l.lng]) });
}

export function download(filename: string, content: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** CSV and GeoJSON exports of session results, with a real CSV writer (papaparse). */
import Papa from 'papaparse';
import { parseApiTimestamp } from '@/contract/timestamps';
import type { ResultRow } from '@/lib/results';
import { formatIsoUtc } from '@/lib/time-format';

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

/**
 * Every field of the status results, after the user's own (see `inputHeader`); text that looks
 * like a formula is defused for spreadsheets.
 */
export function resultsToCsv(rows: readonly ResultRow[], columns: readonly string[] = []): string {
  const lead = hasInput(rows);
  return Papa.unparse(
    {
      fields: [...(lead ? inputHeader(columns) : []), ...COLUMNS],
      data: rows.map((r) => [
        ...(lead ? inputValues(r, columns) : []),
        ...COLUMNS.map((c) => flat(r)[c]),
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
      return {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [Number(lng), Number(lat)] },
        properties: Object.fromEntries(
          [
            ...header.map((k, i) => [k, input[i] ?? ''] as const),
            ...Object.entries(properties),
          ].filter(([, v]) => v !== ''),
        ),
      };
    }),
  };
}

/** The failed locations as `lat,lng` rows: the create-session page reads this file as it is. */
export function failedLocationsCsv(rows: readonly ResultRow[]): string {
  const failed = rows.filter((r) => r.result.status === 'failed');
  return Papa.unparse({
    fields: ['lat', 'lng'],
    data: failed.map((r) => [r.result.lat, r.result.lng]),
  });
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

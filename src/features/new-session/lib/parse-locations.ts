/**
 * Turning what people paste or upload into session locations, with every problem named by its
 * line (or feature) number and original text. Pure: no DOM, no network.
 */
import Papa from 'papaparse';
import { DECIMAL_NUMBER_RE, MAX_SESSION_LOCATIONS, type Coordinate } from '@/contract/schemas';
import { coordinateKey } from '@/contract/coordinates';
import type { InputRow, SessionInput } from '@/lib/browser-db';

export interface Entry {
  /** 1-based line (text, CSV) or feature number (GeoJSON). */
  line: number;
  raw: string;
  lat: number;
  lng: number;
  label?: string;
  /** Latitude and longitude as written. */
  latText: string;
  lngText: string;
  /** The other columns' values, in the order of `Parsed.columns`. */
  fields: string[];
}

export interface Problem {
  line: number;
  raw: string;
  message: string;
  /** Latitude and longitude look given the wrong way round: swapping them is the fix. */
  swappable?: boolean;
}

export interface Parsed {
  entries: Entry[];
  problems: Problem[];
  /** Lines that were skipped on purpose (header, blank, comment) are not problems. */
  kind: 'text' | 'csv' | 'geojson';
  /** The user's own columns besides latitude and longitude (a CSV's header, GeoJSON properties). */
  columns: string[];
}

const LAT_NAMES = ['lat', 'latitude', 'y'];
const LNG_NAMES = ['lng', 'lon', 'long', 'longitude', 'x'];

/** A decimal comma, as many locales write numbers: "48,8566". */
const DECIMAL_COMMA_RE = /^[-+]?\d+,\d+$/;
const INTEGER_RE = /^[-+]?\d+$/;

/** A number as written, with a decimal point or a decimal comma. */
function toNumber(s: string | undefined): number | null {
  const t = (s ?? '').trim();
  if (DECIMAL_NUMBER_RE.test(t)) return Number(t);
  return DECIMAL_COMMA_RE.test(t) ? Number(t.replace(',', '.')) : null;
}

const DECIMAL_COMMA_HELP =
  'write decimals with a point (48.85, 2.35), or put a space or semicolon between latitude and longitude (48,85; 2,35)';

/** One `lat,lng` per line; tabs, semicolons or spaces work too; a header and `#`/`//` comments are skipped. */
export function parseText(text: string): Parsed {
  const entries: Entry[] = [];
  const problems: Problem[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  let swapColumns = false;
  lines.forEach((rawLine, i) => {
    const line = i + 1;
    const content = rawLine.replace(/\s*(#|\/\/).*$/, '').trim();
    if (content === '') return;
    // Decimal commas: "48,85 2,35" or "48,85;2,35" — the comma is not a separator there.
    const fields = content.split(/\s*[;\t]\s*|\s+/).filter((p) => p !== '');
    if (DECIMAL_COMMA_RE.test(fields[0] ?? '') && DECIMAL_COMMA_RE.test(fields[1] ?? '')) {
      entries.push(textEntry(line, rawLine, fields, swapColumns));
      return;
    }
    const parts = content.split(/\s*[,;\t]\s*|\s+/).filter((p) => p !== '');
    // "48,85,2,35": decimal commas or four whole numbers? Refused, never half-read.
    if (
      parts.length >= 3 &&
      parts.slice(0, 3).every((p) => INTEGER_RE.test(p)) &&
      content.includes(',')
    ) {
      problems.push({
        line,
        raw: rawLine,
        message: `Whole numbers separated by commas: if these are decimal commas, ${DECIMAL_COMMA_HELP}.`,
      });
      return;
    }
    const isFirstContent = entries.length === 0 && problems.length === 0;
    if (isFirstContent && parts.every((p) => toNumber(p) === null)) {
      const names = parts.map((p) => p.toLowerCase());
      if (names.some((n) => LAT_NAMES.includes(n) || LNG_NAMES.includes(n))) {
        swapColumns = LNG_NAMES.includes(names[0] ?? '') && LAT_NAMES.includes(names[1] ?? '');
        return;
      }
    }
    if (parts.length < 2) {
      problems.push({
        line,
        raw: rawLine,
        message: 'Expected two numbers, latitude and longitude.',
      });
      return;
    }
    const a = toNumber(parts[0]);
    const b = toNumber(parts[1]);
    if (a === null || b === null) {
      problems.push({
        line,
        raw: rawLine,
        message: `“${a === null ? parts[0] : parts[1]}” is not a number.`,
      });
      return;
    }
    entries.push(textEntry(line, rawLine, parts, swapColumns));
  });
  const columns = entries.some((e) => e.label) ? ['label'] : [];
  for (const e of entries) e.fields = columns.length ? [e.label ?? ''] : [];
  return { entries, problems, kind: 'text', columns };
}

/** A line's entry: its two numbers (in header order), and the rest as its label. */
function textEntry(line: number, raw: string, parts: string[], lngFirst: boolean): Entry {
  const first = parts[0] ?? '';
  const second = parts[1] ?? '';
  const [latText, lngText] = lngFirst ? [second, first] : [first, second];
  const label = parts.slice(2).join(' ');
  return {
    line,
    raw,
    lat: toNumber(latText) as number,
    lng: toNumber(lngText) as number,
    latText,
    lngText,
    fields: [],
    ...(label ? { label } : {}),
  };
}

/** A CSV with a header naming its latitude and longitude columns (any case); other columns become a label. */
export function parseCsv(text: string): Parsed {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  return parseCsvRows(result.data, result.errors);
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * CSV rows as papaparse gives them (whole, or chunk by chunk from a file, with blank lines kept
 * so that row i is line i + 1) into entries, each problem named by its line in the file.
 */
export function parseCsvRows(rows: string[][], errors: Papa.ParseError[] = []): Parsed {
  const headerRow = rows.findIndex((r) => !isBlank(r));
  const names = (rows[headerRow] ?? []).map((h) => h.trim().replace(/^\uFEFF/, ''));
  const header = names.map((h) => h.toLowerCase());
  const latCol = header.findIndex((h) => LAT_NAMES.includes(h));
  const lngCol = header.findIndex((h) => LNG_NAMES.includes(h));
  if (latCol === -1 || lngCol === -1) {
    // No recognisable header: read it as pasted text (lat,lng per line).
    return { ...parseText(rows.map((r) => r.join(',')).join('\n')), kind: 'csv' };
  }
  const other = names.map((_, c) => c).filter((c) => c !== latCol && c !== lngCol);
  const columns = other.map((c) => names[c] || `column ${c + 1}`);
  const entries: Entry[] = [];
  const problems: Problem[] = [];
  rows.forEach((cells, i) => {
    if (i <= headerRow || isBlank(cells)) return;
    const line = i + 1;
    const raw = cells.join(',');
    const lat = toNumber(cells[latCol]);
    const lng = toNumber(cells[lngCol]);
    if (lat === null || lng === null) {
      const which = lat === null ? header[latCol] : header[lngCol];
      const value = (lat === null ? cells[latCol] : cells[lngCol]) ?? '';
      problems.push({
        line,
        raw,
        message:
          value.trim() === ''
            ? `The ${which} column is empty.`
            : `${which} “${value}” is not a number.`,
      });
      return;
    }
    const fields = other.map((c) => (cells[c] ?? '').trim());
    const label = fields.join(' ').trim();
    entries.push({
      line,
      raw,
      lat,
      lng,
      latText: (cells[latCol] ?? '').trim(),
      lngText: (cells[lngCol] ?? '').trim(),
      fields,
      ...(label ? { label } : {}),
    });
  });
  for (const e of errors) {
    // A ragged row is fine (extra columns are a label); anything else is reported at its line.
    if (e.row !== undefined && e.code !== 'TooManyFields' && e.code !== 'TooFewFields') {
      problems.push({ line: e.row + 1, raw: (rows[e.row] ?? []).join(','), message: e.message });
    }
  }
  return { entries, problems, kind: 'csv', columns };
}

/** GeoJSON Point features (or a bare Point); other geometry types are reported and skipped. */
export function parseGeoJson(text: string): Parsed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return {
      entries: [],
      problems: [
        { line: 0, raw: text.slice(0, 60), message: `Not valid JSON: ${(e as Error).message}` },
      ],
      kind: 'geojson',
      columns: [],
    };
  }
  const features: unknown[] =
    isObj(doc) && doc.type === 'FeatureCollection' && Array.isArray(doc.features)
      ? doc.features
      : isObj(doc) && (doc.type === 'Feature' || doc.type === 'Point')
        ? [doc]
        : [];
  if (features.length === 0) {
    return {
      entries: [],
      problems: [
        {
          line: 0,
          raw: text.slice(0, 60),
          message: 'No GeoJSON features found (expected a FeatureCollection of Points).',
        },
      ],
      kind: 'geojson',
      columns: [],
    };
  }
  const entries: Entry[] = [];
  const problems: Problem[] = [];
  const columns: string[] = [];
  const properties: Record<string, unknown>[] = [];
  features.forEach((f, i) => {
    const n = i + 1;
    const geometry = isObj(f) && f.type === 'Point' ? f : isObj(f) ? f.geometry : null;
    const raw = JSON.stringify(geometry ?? f)?.slice(0, 80) ?? '';
    if (!isObj(geometry))
      return problems.push({ line: n, raw, message: 'Feature has no geometry.' });
    if (geometry.type !== 'Point')
      return problems.push({
        line: n,
        raw,
        message: `${String(geometry.type)} geometry skipped: only Points are locations.`,
      });
    const c = geometry.coordinates;
    if (!Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') {
      return problems.push({
        line: n,
        raw,
        message: 'Point coordinates must be [longitude, latitude] numbers.',
      });
    }
    const props = isObj(f) && isObj(f.properties) ? f.properties : {};
    for (const key of Object.keys(props)) if (!columns.includes(key)) columns.push(key);
    const label = typeof props.name === 'string' ? props.name : undefined;
    properties.push(props);
    entries.push({
      line: n,
      raw,
      lat: c[1],
      lng: c[0],
      latText: String(c[1]),
      lngText: String(c[0]),
      fields: [],
      ...(label ? { label } : {}),
    });
  });
  // Each feature's properties under the columns any of them names (scalars as text).
  entries.forEach((e, i) => {
    const props = properties[i] ?? {};
    e.fields = columns.map((k) => {
      const v = props[k];
      if (v === undefined || v === null) return '';
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    });
  });
  return { entries, problems, kind: 'geojson', columns };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface Validated {
  /** `input`: the row as the user wrote it, kept with the session's results. */
  locations: (Coordinate & { line: number; label?: string; input: InputRow })[];
  problems: Problem[];
  /** Locations merged because they repeat an earlier one at 6 decimals. */
  duplicates: Problem[];
}

/**
 * Ranges, likely swaps, and duplicates at 6 decimals (reported and merged). `swapped`: the
 * lines whose latitude and longitude the user chose to swap.
 */
export function validate(parsed: Parsed, swapped: ReadonlySet<number> = new Set()): Validated {
  const problems = [...parsed.problems];
  const duplicates: Problem[] = [];
  const seen = new Map<string, number>();
  const locations: Validated['locations'] = [];
  for (const entry of parsed.entries) {
    const e = swapped.has(entry.line) ? { ...entry, lat: entry.lng, lng: entry.lat } : entry;
    if (!Number.isFinite(e.lat) || !Number.isFinite(e.lng)) {
      problems.push({ line: e.line, raw: e.raw, message: 'Coordinates must be finite numbers.' });
      continue;
    }
    const latOut = Math.abs(e.lat) > 90;
    const lngOut = Math.abs(e.lng) > 180;
    if (latOut && Math.abs(e.lng) <= 90) {
      problems.push({
        line: e.line,
        raw: e.raw,
        message: `Latitude ${e.lat} is beyond ±90; latitude and longitude look swapped.`,
        swappable: true,
      });
      continue;
    }
    if (latOut || lngOut) {
      problems.push({
        line: e.line,
        raw: e.raw,
        message: latOut ? `Latitude ${e.lat} is beyond ±90.` : `Longitude ${e.lng} is beyond ±180.`,
      });
      continue;
    }
    const k = coordinateKey(e.lat, e.lng);
    const first = seen.get(k);
    if (first !== undefined) {
      duplicates.push({
        line: e.line,
        raw: e.raw,
        message: `Same location as line ${first} (at 6 decimals); merged.`,
      });
      continue;
    }
    seen.set(k, e.line);
    locations.push({
      lat: e.lat,
      lng: e.lng,
      line: e.line,
      ...(e.label ? { label: e.label } : {}),
      input: inputRowOf(e),
    });
  }
  if (parsed.entries.length === 0 && parsed.problems.length === 0) {
    problems.push({
      line: 0,
      raw: '',
      message: 'No locations found: paste one “lat,lng” per line, or choose a CSV or GeoJSON file.',
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return { locations, problems, duplicates };
}

/** A parsed row as a session keeps it: its line, the coordinates as written, its other columns. */
export const inputRowOf = (e: Entry): InputRow => ({
  inputRow: e.line,
  lat: e.latText,
  lng: e.lngText,
  values: e.fields,
});

/**
 * The user's rows as a session keeps them, by the 6-decimal coordinate the API matches on (the
 * first row of a coordinate, when several share it).
 */
export function sessionInputOf(
  located: readonly (Coordinate & { input: InputRow })[],
  columns: string[],
  source: string | null,
): SessionInput {
  const rows: Record<string, InputRow> = {};
  for (const l of located) rows[coordinateKey(l.lat, l.lng)] ??= l.input;
  return { columns, rows, source };
}

/** Chooses the parser by file name or content. */
export function parseInput(text: string, fileName?: string): Parsed {
  const name = fileName?.toLowerCase() ?? '';
  if (name.endsWith('.geojson') || name.endsWith('.json') || /^\s*\{/.test(text))
    return parseGeoJson(text);
  if (name.endsWith('.csv')) return parseCsv(text);
  return parseText(text);
}

/** Splits locations into sessions of at most 500. */
export function splitIntoSessions<T>(locations: readonly T[], size = MAX_SESSION_LOCATIONS): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < locations.length; i += size) chunks.push(locations.slice(i, i + size));
  return chunks;
}

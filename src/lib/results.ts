/**
 * Session results as rows the map, table, details and exports all share: each keeps its
 * position in the status payload (results are only ever appended, so the index is stable).
 */
import { coordinateKey } from '../contract/coordinates';
import type { Listing, SessionResult } from '../contract/schemas';
import type { InputRow, SessionInput } from './browser-db';
import { bandForScore, type ScoreBand } from './score-bands';

export interface ResultRow {
  index: number;
  result: SessionResult;
  band: ScoreBand | null;
  /** The `?listing=` value that opens this row: its listing ID, or `failed:<index>`. */
  selectionKey: string;
  /** The user's row this result answers (matched by its 6-decimal coordinate), when known. */
  input?: InputRow | null;
  /** What the user calls it (see `rowLabel`), when known. */
  label?: string | null;
  /** Its listing's full analysis, when loaded. */
  analysis?: Listing | null;
}

/**
 * React Query keeps unchanged result objects identical across polls (structural sharing), so
 * rows are cached by result object: a poll that appends 20 results yields 20 new rows and
 * the same objects for the rest, and memoized views redo only the new ones.
 */
const cache = new WeakMap<SessionResult, ResultRow>();

export function toRows(results: readonly SessionResult[]): ResultRow[] {
  return results.map((result, index) => {
    const cached = cache.get(result);
    if (cached && cached.index === index) return cached;
    const row: ResultRow = {
      index,
      result,
      band: result.status === 'success' ? bandForScore(result.quiet_score) : null,
      selectionKey: result.status === 'success' ? result.listing_id : `failed:${index}`,
    };
    cache.set(result, row);
    return row;
  });
}

/** Per input, the rows given their input rows: stable across polls, like the rows themselves. */
const withInputCache = new WeakMap<SessionInput, WeakMap<ResultRow, ResultRow>>();

/** The rows with the user's input row each answers, matched by coordinate; as they are without. */
export function withInput(
  rows: readonly ResultRow[],
  input: SessionInput | null,
): readonly ResultRow[] {
  if (!input) return rows;
  let cache = withInputCache.get(input);
  if (!cache) withInputCache.set(input, (cache = new WeakMap()));
  const known = cache;
  return rows.map((row) => {
    let out = known.get(row);
    if (!out) {
      const { lat, lng } = row.result;
      const matched: ResultRow = { ...row, input: input.rows[coordinateKey(lat, lng)] ?? null };
      out = { ...matched, label: rowLabel(matched, input.columns) };
      known.set(row, out);
    }
    return out;
  });
}

const LABEL_COLUMNS = /^(name|label|title|address|hotel|property|listing[ _]?name)$/i;

/**
 * What the user calls a row of theirs: the value of a name-like column (name, label, title,
 * address…), else of their first column that is not a bare number; null when none.
 */
export function inputLabel(input: InputRow | null | undefined, columns: readonly string[]) {
  const values = input?.values;
  if (!values) return null;
  const named = columns.findIndex((c) => LABEL_COLUMNS.test(c.trim()));
  const at =
    named !== -1 ? named : values.findIndex((v) => v.trim() !== '' && !/^[-+\d.,\s]+$/.test(v));
  const value = at === -1 ? '' : (values[at] ?? '').trim();
  return value || null;
}

/** What a result is called by the user (see `inputLabel`). */
export const rowLabel = (row: ResultRow, columns: readonly string[]): string | null =>
  inputLabel(row.input, columns);

const withAnalysisCache = new WeakMap<
  ReadonlyMap<string, Listing>,
  WeakMap<ResultRow, ResultRow>
>();

/** The rows with their listing's full analysis, where loaded; as they are with none loaded. */
export function withAnalysis(
  rows: readonly ResultRow[],
  listings: ReadonlyMap<string, Listing>,
): readonly ResultRow[] {
  if (listings.size === 0) return rows;
  let cache = withAnalysisCache.get(listings);
  if (!cache) withAnalysisCache.set(listings, (cache = new WeakMap()));
  const known = cache;
  return rows.map((row) => {
    let out = known.get(row);
    if (!out) {
      out = { ...row, analysis: listings.get(row.selectionKey) ?? null };
      known.set(row, out);
    }
    return out;
  });
}

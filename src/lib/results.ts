/**
 * Session results as rows the map, table, details and exports all share: each keeps its
 * position in the status payload (results are only ever appended, so the index is stable).
 */
import { coordinateKey } from '../contract/coordinates';
import type { Listing, SessionResult } from '../contract/schemas';
import type { AnalysisOutcome } from './analysis';
import type { InputRow, SessionInput } from './browser-db';
import { appendOnlyMap } from './append-only';
import { bandForScore, type ScoreBand } from './score-bands';

/** Where a result of a run comes from: its session, and its place in that session's results. */
export interface ResultPlace {
  sessionId: string;
  position: number;
}

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
  /** The session it came from, in a run of several (`toRows`'s `placeOf`). */
  sessionId?: string;
  /** Why its listing has no analysis, when asked for and none came (failed, or not as documented). */
  analysisProblem?: Exclude<AnalysisOutcome, { kind: 'ok' }> | null;
}

/**
 * React Query keeps unchanged result objects identical across polls (structural sharing), so
 * rows are cached by result object: a poll that appends 20 results yields 20 new rows and
 * the same objects for the rest, and memoized views redo only the new ones. In a run, each
 * row also names its session, and a failed one is keyed by its place in that session (its
 * place in the run changes with the order results arrive in): `placeOf`.
 */
const cache = new WeakMap<SessionResult, ResultRow>();
/** A run's rows apart: the same result is a row of its session's monitor too, without a place. */
const runCache = new WeakMap<SessionResult, ResultRow>();

export function toRows(
  results: readonly SessionResult[],
  placeOf?: ReadonlyMap<SessionResult, ResultPlace>,
): ResultRow[] {
  return results.map((result, index) => toRow(result, index, placeOf));
}

/** The row of the result at `index` (see `toRows`). */
export function toRow(
  result: SessionResult,
  index: number,
  placeOf?: ReadonlyMap<SessionResult, ResultPlace>,
): ResultRow {
  const known = placeOf ? runCache : cache;
  const cached = known.get(result);
  if (cached && cached.index === index) return cached;
  const place = placeOf?.get(result);
  const row: ResultRow = {
    index,
    result,
    band: result.status === 'success' ? bandForScore(result.quiet_score) : null,
    selectionKey:
      result.status === 'success'
        ? result.listing_id
        : place
          ? `failed:${place.sessionId}:${place.position}`
          : `failed:${index}`,
    ...(place ? { sessionId: place.sessionId } : {}),
  };
  known.set(result, row);
  return row;
}

/** Rows derived from a source (an input, loaded analyses), kept per source and row. */
const derivedRows = new WeakMap<object, WeakMap<ResultRow, ResultRow>>();

/**
 * `derive` of `row`, made once per source and row: a poll that appends results derives only
 * the new rows, and the rest keep their identity for the memoized map and table.
 */
function deriveRow(row: ResultRow, source: object, derive: () => ResultRow) {
  let known = derivedRows.get(source);
  if (!known) derivedRows.set(source, (known = new WeakMap()));
  let out = known.get(row);
  if (!out) known.set(row, (out = derive()));
  return out;
}

/** The rows with the user's input row each answers, matched by coordinate; as they are without. */
export function withInput(
  rows: readonly ResultRow[],
  input: SessionInput | null,
): readonly ResultRow[] {
  return input ? rows.map((row) => rowWithInput(row, input)) : rows;
}

/** `row` with the user's input row it answers (see `withInput`). */
export function rowWithInput(row: ResultRow, input: SessionInput | null): ResultRow {
  if (!input) return row;
  return deriveRow(row, input, () => {
    const { lat, lng } = row.result;
    const matched: ResultRow = { ...row, input: input.rows[coordinateKey(lat, lng)] ?? null };
    return { ...matched, label: rowLabel(matched, input.columns) };
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

/**
 * The rows with their listing's full analysis where loaded, or why it is not; as they are with
 * none asked for.
 */
export const withAnalysis = (
  rows: readonly ResultRow[],
  outcomes: ReadonlyMap<string, AnalysisOutcome>,
): readonly ResultRow[] => analysisOf(outcomes)(rows);

/**
 * `withAnalysis` for one set of outcomes, kept between polls: a poll that appends rows derives
 * only those (see `appendOnly`); with none asked for, the rows themselves.
 */
export const analysisOf = (
  outcomes: ReadonlyMap<string, AnalysisOutcome>,
): ((rows: readonly ResultRow[]) => readonly ResultRow[]) =>
  outcomes.size === 0
    ? (rows) => rows
    : appendOnlyMap((row: ResultRow) => rowWithAnalysis(row, outcomes));

/** `row` with its listing's full analysis, or why it has none (see `withAnalysis`). */
function rowWithAnalysis(row: ResultRow, outcomes: ReadonlyMap<string, AnalysisOutcome>) {
  return deriveRow(row, outcomes, () => {
    const outcome = outcomes.get(row.selectionKey);
    return {
      ...row,
      analysis: outcome?.kind === 'ok' ? outcome.listing : null,
      analysisProblem: outcome && outcome.kind !== 'ok' ? outcome : null,
    };
  });
}

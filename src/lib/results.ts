/**
 * Session results as rows the map, table, details and exports all share: each keeps its
 * position in the status payload (results are only ever appended, so the index is stable).
 */
import type { SessionResult } from '../contract/schemas';
import { bandForScore, type ScoreBand } from './score-bands';

export interface ResultRow {
  index: number;
  result: SessionResult;
  band: ScoreBand | null;
  /** The `?listing=` value that opens this row: its listing ID, or `failed:<index>`. */
  selectionKey: string;
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

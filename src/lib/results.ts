/**
 * Session results as rows the map, table, details and exports all share: each keeps its
 * position in the status payload (results are only ever appended, so the index is stable).
 */
import type { SessionResult } from '../api/schemas';
import { bandForScore, type ScoreBand } from './score-bands';

export interface ResultRow {
  index: number;
  result: SessionResult;
  band: ScoreBand | null;
  /** The `?listing=` value that opens this row: its listing ID, or `failed:<index>`. */
  selectionKey: string;
}

export function toRows(results: readonly SessionResult[]): ResultRow[] {
  return results.map((result, index) => ({
    index,
    result,
    band: result.status === 'success' ? bandForScore(result.quiet_score) : null,
    selectionKey: result.status === 'success' ? result.listing_id : `failed:${index}`,
  }));
}

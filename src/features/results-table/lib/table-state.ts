/** Filters and sort of the results, as URL search params (so a view can be shared and reloaded). */
import { appendOnlyFilter } from '@/lib/append-only';
import { sourceKeyOf, type ColorScale } from '@/lib/color-modes';
import { SCORE_BANDS } from '@/lib/score-bands';
import type { ResultRow } from '@/lib/results';
import { formatCoordinate } from '@/lib/units';

/** `input:<n>`: the user's own n-th column (0-based). */
export type SortKey = 'index' | 'score' | 'status' | 'analyzed' | `input:${number}`;

const INPUT_SORT_RE = /^input:(\d{1,3})$/;
export type SortDir = 'asc' | 'desc';

export interface TableState {
  status: 'all' | 'success' | 'failed';
  /** Selected band levels; empty = every band. */
  bands: string[];
  /** Dominant noise-source categories (of the full analysis); empty = any. */
  sources: string[];
  /** Only listings whose night score (full analysis) is below this; null = any. */
  nightBelow: number | null;
  query: string;
  sort: SortKey;
  dir: SortDir;
}

export const DEFAULT_TABLE_STATE: TableState = {
  status: 'all',
  bands: [],
  sources: [],
  nightBelow: null,
  query: '',
  sort: 'index',
  dir: 'asc',
};

const slug = (level: string) => level.toLowerCase().replace(/\s+/g, '-');
const levelOf = (s: string): string | undefined =>
  SCORE_BANDS.find((b) => slug(b.level) === s)?.level;

export function readTableState(params: URLSearchParams): TableState {
  const status = params.get('status');
  const sort = params.get('sort');
  const nightBelow = Number(params.get('night_below') ?? NaN);
  return {
    status: status === 'success' || status === 'failed' ? status : 'all',
    bands: params
      .getAll('band')
      .map(levelOf)
      .filter((l): l is string => !!l),
    sources: params.getAll('source').filter((s) => SOURCE_RE.test(s)),
    nightBelow:
      Number.isInteger(nightBelow) && nightBelow >= 1 && nightBelow <= 100 ? nightBelow : null,
    query: params.get('q') ?? '',
    sort:
      sort === 'score' || sort === 'status' || sort === 'analyzed' || INPUT_SORT_RE.test(sort ?? '')
        ? (sort as SortKey)
        : 'index',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** Writes the state into `params` (other params, such as `listing`, are kept). */
export function writeTableState(params: URLSearchParams, state: TableState): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const k of ['status', 'band', 'source', 'night_below', 'q', 'sort', 'dir']) next.delete(k);
  if (state.status !== 'all') next.set('status', state.status);
  for (const b of state.bands) next.append('band', slug(b));
  for (const s of state.sources) next.append('source', s);
  if (state.nightBelow !== null) next.set('night_below', String(state.nightBelow));
  if (state.query.trim()) next.set('q', state.query);
  if (state.sort !== 'index') next.set('sort', state.sort);
  if (state.dir !== 'asc') next.set('dir', state.dir);
  return next;
}

const toggled = (list: readonly string[], value: string) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

export const toggleBand = (state: TableState, level: string): TableState => ({
  ...state,
  bands: toggled(state.bands, level),
});

export const toggleSource = (state: TableState, category: string): TableState => ({
  ...state,
  sources: toggled(state.sources, category),
});

/** A source category as the URL carries it (the API's machine keys: `major_highways`). */
const SOURCE_RE = /^[\w.-]{1,64}$/;

/** Filters that need a row's full analysis: rows without one never pass them. */
export const filtersNeedAnalysis = (state: Pick<TableState, 'sources' | 'nightBelow'>) =>
  state.sources.length > 0 || state.nightBelow !== null;

/** A typed coordinate pair ("48.85, 2.35", "48.85 2.35"): each value and its decimals. */
const PAIR_RE = /^\s*([-+]?\d{1,3}(?:\.(\d+))?)\s*[,;\s]\s*([-+]?\d{1,3}(?:\.(\d+))?)\s*$/;

/**
 * A search for a place: rows within one unit of the last decimal typed ("48.85, 2.35" finds
 * 48.854, 2.346), or null when the query is not a coordinate pair.
 */
function nearQuery(q: string): ((lat: number, lng: number) => boolean) | null {
  const m = PAIR_RE.exec(q);
  if (!m) return null;
  const lat = Number(m[1]);
  const lng = Number(m[3]);
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  const latTolerance = 10 ** -(m[2]?.length ?? 0) + 1e-9;
  const lngTolerance = 10 ** -(m[4]?.length ?? 0) + 1e-9;
  return (a, b) => Math.abs(a - lat) <= latTolerance && Math.abs(b - lng) <= lngTolerance;
}

function matchesQuery(row: ResultRow, q: string, near: ReturnType<typeof nearQuery>): boolean {
  if (!q) return true;
  const r = row.result;
  if (near?.(r.lat, r.lng)) return true;
  const needle = q.trim().toLowerCase().replace(/\s+/g, '');
  // As sent and as the table shows them.
  const coords = `${r.lat},${r.lng} ${formatCoordinate(r.lat)},${formatCoordinate(r.lng)}`;
  return (
    coords.includes(needle) ||
    // The user's own columns ("Hotel Lutetia", their IDs).
    (row.input?.values.some((v) => v.toLowerCase().replace(/\s+/g, '').includes(needle)) ??
      false) ||
    (r.status === 'success' && r.listing_id.toLowerCase().includes(needle)) ||
    (r.status === 'failed' && r.error.toLowerCase().includes(needle))
  );
}

export type RowFilters = Pick<TableState, 'status' | 'bands' | 'query' | 'sources' | 'nightBelow'>;

/** No filter is set: every row is shown (and the locations still processing after them). */
export const isUnfiltered = (state: RowFilters) =>
  state.status === 'all' &&
  state.bands.length === 0 &&
  state.query === '' &&
  !filtersNeedAnalysis(state);

export const filterRows = (rows: readonly ResultRow[], state: RowFilters): readonly ResultRow[] =>
  filterOf(state)(rows);

/**
 * `filterRows` for one set of filters, kept between polls: a poll that appends rows filters only
 * those (see `appendOnly`); with no filter, the rows themselves (a large run is not copied).
 */
export const filterOf = (
  state: RowFilters,
): ((rows: readonly ResultRow[]) => readonly ResultRow[]) =>
  isUnfiltered(state) ? (rows) => rows : appendOnlyFilter(rowFilter(state));

/** Whether a row passes the filters (see `filterRows`). */
function rowFilter(state: RowFilters): (row: ResultRow) => boolean {
  const { sources, nightBelow } = state;
  const near = nearQuery(state.query);
  return (row) =>
    (state.status === 'all' || row.result.status === state.status) &&
    (state.bands.length === 0 || (row.band !== null && state.bands.includes(row.band.level))) &&
    (sources.length === 0 || sources.includes(sourceKeyOf(row) ?? '')) &&
    (nightBelow === null ||
      (row.analysis != null && row.analysis.quiet_day_night.quiet_score_night < nightBelow)) &&
    matchesQuery(row, state.query, near);
}

const score = (row: ResultRow) => (row.result.status === 'success' ? row.result.quiet_score : -1);

/**
 * Sorted by `sort`; the score column sorts by what the color mode shows (`scale`), and rows
 * without that value (failed, analysis not loaded) come last whatever the direction.
 */
export function sortRows(
  rows: readonly ResultRow[],
  sort: SortKey,
  dir: SortDir,
  scale?: ColorScale,
): readonly ResultRow[] {
  // Rows come in session order: the default sort is theirs already.
  if (sort === 'index' && dir === 'asc') return rows;
  const sign = dir === 'asc' ? 1 : -1;
  if (sort === 'score' && scale && scale.mode !== 'overall') {
    const value = new Map(rows.map((r) => [r, scale.valueOf(r)?.sort ?? null]));
    return [...rows].sort((a, b) => {
      const x = value.get(a) ?? null;
      const y = value.get(b) ?? null;
      if (x === null || y === null)
        return (x === null ? 1 : 0) - (y === null ? 1 : 0) || a.index - b.index;
      const c =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : byText.compare(String(x), String(y));
      return sign * c || a.index - b.index;
    });
  }
  const compare = comparator(sort);
  // Ties keep the session's order, whatever the direction.
  return [...rows].sort((a, b) => sign * compare(a, b) || a.index - b.index);
}

const byText = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function comparator(sort: SortKey): (a: ResultRow, b: ResultRow) => number {
  const column = INPUT_SORT_RE.exec(sort);
  if (column) {
    const at = Number(column[1]);
    return (a, b) => byText.compare(a.input?.values[at] ?? '', b.input?.values[at] ?? '');
  }
  if (sort === 'score') return (a, b) => score(a) - score(b);
  if (sort === 'status') return (a, b) => a.result.status.localeCompare(b.result.status);
  if (sort === 'analyzed')
    return (a, b) => a.result.analyzed_at.localeCompare(b.result.analyzed_at);
  return (a, b) => a.index - b.index;
}

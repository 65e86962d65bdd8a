import { useCallback, useMemo } from 'react';
import {
  readTableState,
  toggleBand,
  toggleSource,
  writeTableState,
  type SortKey,
  type TableState,
} from '@/features/results-table/lib/table-state';
import { useStableSearchParams } from '@/lib/url-search';

export interface ResultFilters {
  /** Filters and sort from the URL, stable while their values are (not re-created per render). */
  state: TableState;
  setState: (next: TableState) => void;
  toggleBand: (level: string) => void;
  toggleSource: (category: string) => void;
  setNightBelow: (value: number | null) => void;
  /** Sorts by `key`: ascending first, then the other way on the same column. */
  sortBy: (key: SortKey) => void;
}

/**
 * The results' filters and sort, kept in the URL (shareable, reloadable) and handed out
 * value-stable: the state is re-read from the URL on every render, so it is memoized on its
 * values, and memoized panels and rows keep their identity across polls.
 */
export function useResultFilters(): ResultFilters {
  const [params, setParams] = useStableSearchParams();
  const { status, query, sort, dir, bands, sources, nightBelow } = readTableState(params);
  const bandsKey = bands.join('|');
  const sourcesKey = sources.join('|');
  const state = useMemo<TableState>(
    () => ({
      status,
      query,
      sort,
      dir,
      bands: bandsKey ? bandsKey.split('|') : [],
      sources: sourcesKey ? sourcesKey.split('|') : [],
      nightBelow,
    }),
    [status, query, sort, dir, bandsKey, sourcesKey, nightBelow],
  );
  const setState = useCallback(
    (next: TableState) => setParams((p) => writeTableState(p, next), { replace: true }),
    [setParams],
  );
  /** Changes the state as it is in the URL now (stable: memoized panels keep their props). */
  const update = useCallback(
    (change: (state: TableState) => TableState) =>
      setParams((p) => writeTableState(p, change(readTableState(p))), { replace: true }),
    [setParams],
  );
  const actions = useMemo(
    () => ({
      toggleBand: (level: string) => update((s) => toggleBand(s, level)),
      toggleSource: (category: string) => update((s) => toggleSource(s, category)),
      setNightBelow: (value: number | null) => update((s) => ({ ...s, nightBelow: value })),
      sortBy: (key: SortKey) =>
        update((s) => ({
          ...s,
          sort: key,
          dir: s.sort === key && s.dir === 'asc' ? 'desc' : 'asc',
        })),
    }),
    [update],
  );
  return { state, setState, ...actions };
}

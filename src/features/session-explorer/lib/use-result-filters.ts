import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  readTableState,
  toggleBand,
  writeTableState,
  type TableState,
} from '@/features/results-table/lib/table-state';

export interface ResultFilters {
  /** Filters and sort from the URL, stable while their values are (not re-created per render). */
  state: TableState;
  setState: (next: TableState) => void;
  toggleBand: (level: string) => void;
}

/**
 * The results' filters and sort, kept in the URL (shareable, reloadable) and handed out
 * value-stable: the state is re-read from the URL on every render, so it is memoized on its
 * values, and memoized panels and rows keep their identity across polls.
 */
export function useResultFilters(): ResultFilters {
  const [params, setParams] = useSearchParams();
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
  const handleToggleBand = useCallback(
    (level: string) =>
      setParams((p) => writeTableState(p, toggleBand(readTableState(p), level)), { replace: true }),
    [setParams],
  );
  return { state, setState, toggleBand: handleToggleBand };
}

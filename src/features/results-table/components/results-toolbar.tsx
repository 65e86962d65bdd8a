import { memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { appendOnlyCount } from '@/lib/append-only';
import { Button } from '@/components/ui/button';
import type { ResultRow } from '@/lib/results';
import type { TableState } from '../lib/table-state';
import type * as Exports from '../lib/exports';

export interface ResultsToolbarProps {
  sessionId: string;
  state: TableState;
  /** The filtered rows: what the exports contain. */
  rows: readonly ResultRow[];
  total: number;
  /** The user's own columns, exported before the results' (with `input_row`). */
  inputColumns?: readonly string[];
  onChange: (state: TableState) => void;
}

export function ResultsToolbar({
  sessionId,
  state,
  rows,
  total,
  inputColumns = [],
  onChange,
}: ResultsToolbarProps) {
  // Stable handlers reading the latest filters, so a poll that adds rows leaves the fields alone.
  const latest = useRef({ state, onChange });
  useLayoutEffect(() => {
    latest.current = { state, onChange };
  });
  const setQuery = useCallback(
    (query: string) => latest.current.onChange({ ...latest.current.state, query }),
    [],
  );
  const setStatus = useCallback(
    (status: TableState['status']) => latest.current.onChange({ ...latest.current.state, status }),
    [],
  );
  const failedCountOf = useMemo(
    () => appendOnlyCount((r: ResultRow) => r.result.status === 'failed'),
    [],
  );
  const failedCount = failedCountOf(rows);
  const filtered = state.status !== 'all' || state.bands.length > 0 || state.query.trim() !== '';
  // A filtered export says so in its name: never mistaken for the whole session.
  const fileBase = `${sessionId}-results${filtered ? '-filtered' : ''}`;
  const scopeId = useId();
  const noFailedId = useId();
  // Screen readers hear the count when the filters change, not on every poll that adds rows.
  const filterKey = `${state.status}|${state.bands.join(',')}|${state.query}`;
  const [announced, setAnnounced] = useState({ key: filterKey, text: '' });
  if (announced.key !== filterKey)
    setAnnounced({
      key: filterKey,
      text: `Filters changed: ${rows.length} of ${total} results shown.`,
    });
  return (
    <div className="flex flex-wrap items-end gap-3">
      <FilterFields
        query={state.query}
        status={state.status}
        withNames={inputColumns.length > 0}
        onQuery={setQuery}
        onStatus={setStatus}
      />
      {state.bands.length > 0 && (
        <p className="text-sm">
          Bands: <span className="font-medium">{state.bands.join(', ')}</span>
        </p>
      )}
      <p className="text-sm text-slate-700">
        {rows.length} of {total} shown
      </p>
      <p className="sr-only" role="status">
        {announced.text}
      </p>
      {filtered && (
        <Button
          variant="ghost"
          onClick={() => onChange({ ...state, status: 'all', bands: [], query: '' })}
        >
          Clear filters
        </Button>
      )}
      <div className="ml-auto flex flex-col items-end gap-1">
        <div className="flex flex-wrap justify-end gap-2" role="group" aria-describedby={scopeId}>
          <Button
            onClick={() =>
              void exporting(({ download, resultsToCsv }) =>
                download(
                  `${fileBase}.csv`,
                  resultsToCsv(rows, inputColumns),
                  'text/csv;charset=utf-8',
                ),
              )
            }
            disabled={rows.length === 0}
          >
            Download CSV
          </Button>
          <Button
            onClick={() =>
              void exporting(({ download, resultsToGeoJson }) =>
                download(
                  `${fileBase}.geojson`,
                  JSON.stringify(resultsToGeoJson(rows, inputColumns), null, 2),
                  'application/geo+json',
                ),
              )
            }
            disabled={rows.length === 0}
          >
            Download GeoJSON
          </Button>
          <Button
            onClick={() =>
              void exporting(({ download, failedLocationsCsv }) =>
                download(
                  `${sessionId}-failed-locations${filtered ? '-filtered' : ''}.csv`,
                  failedLocationsCsv(rows),
                  'text/csv;charset=utf-8',
                ),
              )
            }
            disabled={failedCount === 0}
            aria-describedby={failedCount === 0 ? noFailedId : undefined}
          >
            Failed locations CSV
          </Button>
        </div>
        {/* What the exports hold, and why one is off: said, not left to guess. */}
        <p id={scopeId} className="text-xs text-slate-600">
          {rows.length === 0
            ? 'Nothing to export: no result matches the filters.'
            : filtered
              ? `Exports hold ${rows.length} of ${total} results (filtered).`
              : `Exports hold all ${total} results.`}{' '}
          {failedCount === 0 && rows.length > 0 && (
            <span id={noFailedId}>
              {filtered ? 'No failed location among them.' : 'No location failed.'}
            </span>
          )}
        </p>
      </div>
    </div>
  );
}

/** The export code (and its CSV writer) loads on the first export, not with the page. */
async function exporting(run: (exports: typeof Exports) => void) {
  run(await import('../lib/exports'));
}

interface FilterFieldsProps {
  query: string;
  status: TableState['status'];
  /** The user's own columns are searched too: the label says so. */
  withNames: boolean;
  onQuery: (query: string) => void;
  onStatus: (status: TableState['status']) => void;
}

/**
 * Search and status: re-rendered only when a filter changes. (React re-applies an input's `name`
 * and `type` whenever it re-renders it, two DOM writes a poll for nothing.)
 */
const FilterFields = memo(function FilterFields({
  query,
  status,
  withNames,
  onQuery,
  onStatus,
}: FilterFieldsProps) {
  const searchId = useId();
  const statusId = useId();
  return (
    <>
      <div className="flex flex-col gap-1">
        <label htmlFor={searchId} className="text-xs font-medium text-slate-700">
          {withNames
            ? 'Search your columns, listing ID or coordinates'
            : 'Search listing ID or coordinates'}
        </label>
        <input
          id={searchId}
          type="search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          placeholder="e.g. 48.85, 2.35"
          className="w-56 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={statusId} className="text-xs font-medium text-slate-700">
          Status
        </label>
        <select
          id={statusId}
          value={status}
          onChange={(e) => onStatus(e.target.value as TableState['status'])}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="all">All</option>
          <option value="success">Successful</option>
          <option value="failed">Failed</option>
        </select>
      </div>
    </>
  );
});

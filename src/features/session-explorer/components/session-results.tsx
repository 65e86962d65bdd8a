import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { lazyWithPreload } from 'react-lazy-with-preload';
import { useStableSearchParams } from '@/lib/url-search';
import type { SessionResult, SessionStatus } from '@/contract/schemas';
import type { SessionInput } from '@/lib/browser-db';
import { Card } from '@/components/ui/card';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { useDeletedListings } from '@/lib/deleted-listings';
import { keptColorScale } from '@/lib/color-modes';
import { appendOnlyMap } from '@/lib/append-only';
import { analysisOf, rowWithInput, toRow, type ResultPlace, type ResultRow } from '@/lib/results';
import { ColorModeSelect } from '@/features/full-analysis/components/color-mode-select';
import { FullAnalysisBar } from '@/features/full-analysis/components/full-analysis-bar';
import { useFullAnalysis } from '@/features/full-analysis/lib/use-full-analysis';
import { ListingDetails } from '@/features/listing-details/components/listing-details';
import { ResultsTable } from '@/features/results-table/components/results-table';
import { ResultsToolbar } from '@/features/results-table/components/results-toolbar';
import {
  filtersNeedAnalysis,
  filterOf,
  isUnfiltered,
  sortRows,
} from '@/features/results-table/lib/table-state';
import { useColorMode } from '../lib/use-color-mode';
import { useResultFilters } from '../lib/use-result-filters';
import { useSessionInput } from '../lib/use-session-input';
import { SessionInputLine } from './session-input-line';
import { useAfterPaint } from '@/lib/use-after-paint';
import { usePreloaded } from '@/lib/use-preloaded';
import { sessionMapName } from '@/lib/runs';

const NO_COLUMNS: readonly string[] = [];
const NO_RESULTS: readonly SessionResult[] = [];

/** The map's room while its code loads: the same height, so nothing below moves. */
const MAP_PLACEHOLDER = <Skeleton className="h-[32rem]" />;

// Leaflet and the basemap load with the map, not with the page.
// The analysis charts load once there is an analysis to chart.
const AnalysisCharts = lazy(() =>
  import('@/features/full-analysis/components/analysis-charts').then((m) => ({
    default: m.AnalysisCharts,
  })),
);
const ResultsMap = lazyWithPreload(() =>
  import('@/features/results-map/components/results-map').then((m) => ({ default: m.ResultsMap })),
);
/** The map's code has loaded: the map renders without suspending. */
let mapCodeIn = false;
/**
 * Loads the map's code ahead: the map then renders without suspending (a Suspense boundary
 * that shows its fallback holds the next reveal back up to 300 ms, React's throttle).
 */
export const preloadResultsMap = () =>
  ResultsMap.preload().then(() => {
    mapCodeIn = true;
  });

export interface SessionResultsProps {
  sessionId: string;
  results: SessionStatus['results'];
  /** Locations still to be processed (0 once the session has ended). */
  pending: number;
  /**
   * No result is still to come: the name the map keeps their clusters under (by default, the
   * session's once nothing is `pending`).
   */
  keptAs?: string | null;
  tileUrl: string | null;
  tileAttribution: string | null;
  /**
   * The results are a run's, of several sessions (`sessionId` is then the run's): each result's
   * session, and the user's rows of all of them.
   */
  run?: RunResults;
}

export interface RunResults {
  placeOf: ReadonlyMap<SessionResult, ResultPlace>;
  input: SessionInput | null;
}

/** Map, table and details, linked: filters, sort and the selected listing live in the URL. */
/** Where the open listing is among the rows shown: null when the filters hide it. */
function position(sorted: readonly ResultRow[], selected: ResultRow) {
  const at = sorted.findIndex((r) => r.index === selected.index);
  return { index: at === -1 ? null : at, count: sorted.length };
}

export const SessionResults = memo(function SessionResults({
  sessionId,
  results,
  pending,
  keptAs = pending === 0 ? sessionMapName(sessionId) : null,
  tileUrl,
  tileAttribution,
  run,
}: SessionResultsProps) {
  const [params, setParams] = useStableSearchParams();
  const [hovered, setHovered] = useState<number | null>(null);
  // The map's code is asked for once the page with the data has painted, and the map is
  // rendered once it is here; at once when it is here already (a run asks for it ahead).
  const mapLoaded = usePreloaded(preloadResultsMap, useAfterPaint()) || mapCodeIn;
  const deleted = useDeletedListings();
  const { state, setState, toggleSource, setNightBelow, sortBy } = useResultFilters();
  const own = useSessionInput(sessionId, { enabled: !run });
  const input = run ? run.input : own.input;
  const placeOf = run?.placeOf;
  // Each derivation below takes in only the results a poll appended (see `appendOnly`).
  const rowsOf = useMemo(
    () =>
      appendOnlyMap((result: SessionResult, index: number) =>
        rowWithInput(toRow(result, index, placeOf), input),
      ),
    [placeOf, input],
  );
  const withRows = rowsOf(results ?? NO_RESULTS);
  const analysis = useFullAnalysis(withRows);
  const analyzedOf = useMemo(() => analysisOf(analysis.outcomes), [analysis.outcomes]);
  const rows = analyzedOf(withRows);
  const analyzed = analysis.listings - analysis.missing;
  const [mode, setMode] = useColorMode();
  const scaleOf = useMemo(keptColorScale, []);
  const scale = scaleOf(mode, rows);
  // The score column sorts by the mode's values: only then does a switch re-sort.
  const sortScale = state.sort === 'score' ? scale : undefined;
  const inputColumns = input?.columns ?? NO_COLUMNS;
  const { status, query, bands, sources, nightBelow } = state;
  const filteredOf = useMemo(
    () => filterOf({ status, query, bands, sources, nightBelow }),
    [status, query, bands, sources, nightBelow],
  );
  const filtered = filteredOf(rows);
  const sorted = useMemo(
    () => sortRows(filtered, state.sort, state.dir, sortScale),
    [filtered, state.sort, state.dir, sortScale],
  );

  const selectionKey = params.get('listing');
  const selected = selectionKey ? rows.find((r) => r.selectionKey === selectionKey) : undefined;
  const selectedIndex = selected?.index ?? null;

  // Stable across polls and URL changes (rows are read from a ref, the setter is stable), so
  // memoized rows and pins keep it.
  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  });
  // What opened the details (a row's button, the map): focus goes back there when they close.
  const opener = useRef<HTMLElement | null>(null);
  const select = useCallback(
    (index: number | null, { replace = false } = {}) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          const row = index === null ? undefined : rowsRef.current[index];
          if (row && !p.has('listing') && document.activeElement instanceof HTMLElement)
            opener.current = document.activeElement;
          if (row) next.set('listing', row.selectionKey);
          else next.delete('listing');
          return next;
        },
        { replace },
      ),
    [setParams],
  );
  /** Focus back to what opened the details, or to the row of the listing they showed. */
  const returnFocus = useCallback((index: number | null) => {
    requestAnimationFrame(() => {
      const el = opener.current;
      if (el?.isConnected && el !== document.body) return el.focus();
      document.querySelector<HTMLElement>(`[data-result-index="${index ?? -1}"] button`)?.focus();
    });
  }, []);
  /** Previous/Next: through the rows as filtered and sorted; Back is not one step per listing. */
  function step(delta: number) {
    if (sorted.length === 0) return;
    const at = sorted.findIndex((r) => r.index === selectedIndex);
    const next = at === -1 ? sorted[0] : sorted[(at + delta + sorted.length) % sorted.length];
    if (next) select(next.index, { replace: true });
  }

  if (results === undefined) {
    return (
      <Card title="Results">
        <p className="text-sm text-slate-600">
          This API version sends no per-location results, so there is nothing to map.
        </p>
      </Card>
    );
  }

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <FullAnalysisBar
          state={analysis.state}
          outcomes={analysis.outcomes}
          listings={analysis.listings}
          missing={analysis.missing}
          calls={analysis.calls}
          onLoad={() => void analysis.load()}
          onCancel={analysis.cancel}
        />
        <ColorModeSelect mode={mode} onChange={setMode} />
      </div>
      {mode !== 'overall' && analyzed === 0 && analysis.state.status !== 'loading' && (
        <p role="status" className="text-sm text-amber-900">
          The map colors by the full analysis, which is not loaded yet: its pins are grey until it
          is.
        </p>
      )}
      <div
        className={`grid gap-4 ${selected ? 'lg:grid-cols-[minmax(0,2fr)_minmax(20rem,1fr)]' : ''}`}
      >
        <PanelBoundary name="map">
          <Suspense fallback={MAP_PLACEHOLDER}>
            {!mapLoaded ? (
              MAP_PLACEHOLDER
            ) : (
              <ResultsMap
                rows={rows}
                shown={filtered}
                selectedIndex={selectedIndex}
                hoveredIndex={hovered}
                deletedListingIds={deleted}
                tileUrl={tileUrl}
                tileAttribution={tileAttribution}
                onSelect={select}
                onHover={setHovered}
                scale={scale}
                keptAs={keptAs}
                title={sessionId}
              />
            )}
          </Suspense>
        </PanelBoundary>
        {selected && (
          // On a phone the details open as a sheet over the bottom of the screen, where the
          // tapped row or pin is, instead of below the map, out of sight.
          <div className="max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-[1100] max-lg:max-h-[70vh] max-lg:overflow-y-auto max-lg:rounded-t-xl max-lg:shadow-2xl">
            <PanelBoundary name="listing details">
              <ListingDetails
                row={selected}
                position={position(sorted, selected)}
                deleted={deleted.has(selected.selectionKey)}
                inputColumns={inputColumns}
                onClose={() => {
                  select(null);
                  returnFocus(selectedIndex);
                }}
                onDeleted={() => returnFocus(selectedIndex)}
                onPrevious={() => step(-1)}
                onNext={() => step(1)}
              />
            </PanelBoundary>
          </div>
        )}
      </div>
      {selectionKey && !selected && (
        <p role="status" className="text-sm text-amber-900">
          The linked listing ({selectionKey}) is not among this session’s results yet.
        </p>
      )}
      {analyzed > 0 && (
        <Card title="Full analysis">
          <PanelBoundary name="full analysis charts">
            <Suspense fallback={<Skeleton className="h-64" />}>
              <AnalysisCharts
                rows={rows}
                mode={mode}
                sources={sources}
                nightBelow={nightBelow}
                onToggleSource={toggleSource}
                onNightBelow={setNightBelow}
              />
            </Suspense>
          </PanelBoundary>
        </Card>
      )}
      <Card title="Results">
        <PanelBoundary name="results table">
          <div className="flex flex-col gap-3">
            {!run && own.known && (
              <SessionInputLine
                input={input}
                rows={rows}
                onAttach={(next) => own.attach.mutate(next)}
              />
            )}
            {filtersNeedAnalysis(state) && (
              <p className="text-sm text-slate-700">
                Filtered by the full analysis ({analyzed} of {analysis.listings} listings loaded):
                listings without it are left out.{' '}
                <button
                  type="button"
                  className="text-teal-800 underline"
                  onClick={() => setState({ ...state, sources: [], nightBelow: null })}
                >
                  Clear these filters
                </button>
              </p>
            )}
            <ResultsToolbar
              sessionId={sessionId}
              state={state}
              rows={sorted}
              total={rows.length}
              inputColumns={inputColumns}
              onChange={setState}
            />
            <ResultsTable
              rows={sorted}
              pending={isUnfiltered(state) ? pending : 0}
              sort={state.sort}
              dir={state.dir}
              selectedIndex={selectedIndex}
              hoveredIndex={hovered}
              deletedListingIds={deleted}
              inputColumns={inputColumns}
              analysisColumns={analyzed > 0}
              sessionColumn={run !== undefined}
              scale={scale}
              onSort={sortBy}
              onSelect={select}
              onHover={setHovered}
            />
          </div>
        </PanelBoundary>
      </Card>
    </>
  );
});

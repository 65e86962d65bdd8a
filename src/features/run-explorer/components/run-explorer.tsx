import { useQuery } from '@tanstack/react-query';
import { memo, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { lazyWithPreload } from 'react-lazy-with-preload';
import { Link } from 'react-router';
import { appConfigOptions } from '@/api/queries';
import { isApiError } from '@/api/client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { isSessionFinished } from '@/contract/schemas';
import { useApiKey } from '@/lib/api-key';
import { keyFingerprint, readSessionInput, type SessionInput } from '@/lib/browser-db';
import { whenIdle } from '@/lib/idle';
import { runMapName, runViewPath } from '@/lib/runs';
import { usePreloaded } from '@/lib/use-preloaded';
import { useOnScreenValue } from '@/lib/use-on-screen-value';
import { FailuresCard, MonitorPanels } from '@/features/session-monitor/components/monitor-panels';
import { CardsSkeleton } from '@/features/session-monitor/components/monitor-states';
import { IntervalSelect } from '@/features/session-monitor/components/polling-bar';
import { usePollPrefs } from '@/features/session-monitor/lib/use-poll-prefs';
import { useResultFilters } from '@/features/session-explorer/lib/use-result-filters';
import { createRunCombiner, type CombinedRun } from '../lib/combine';
import { AddSessionsForm } from './add-sessions-form';
import { runPollCost } from '../lib/round-robin';
import { useRunStatuses, type RunSessionView } from '../lib/use-run-statuses';

// Rendered once loaded (`usePreloaded`), so it never suspends: a fallback shown holds the next
// reveal back up to 300 ms (React's throttle), which a reopened run would wait for.
const SessionResults = lazyWithPreload(() =>
  import('@/features/session-explorer/components/session-results').then((m) => ({
    default: m.SessionResults,
  })),
);
/**
 * The results' code and the map's, asked for together (the map's would wait for the other's
 * to run), the map's made ready to render with the results.
 */
export const preloadRunResults = () =>
  Promise.all([
    import('@/features/session-explorer/components/session-results'),
    import('@/features/results-map/components/results-map'),
    SessionResults.preload(),
  ]).then(([results]) => results.preloadResultsMap());
const RESULTS_PLACEHOLDER = <Skeleton className="h-[32rem]" />;
/** The same element at every render: the page's polls do not render its link again. */
const BREADCRUMB = (
  <nav aria-label="Breadcrumb" className="text-sm">
    <Link to="/" className="text-teal-800 underline">
      Sessions
    </Link>
  </nav>
);

export interface RunExplorerProps {
  /** The stored run's ID, or a name for a run opened from a link (file names, the map). */
  runId: string;
  name: string;
  sessionIds: readonly string[];
  /** Above the sessions: the submission queue of a run being created, invalid IDs of a link. */
  children?: ReactNode;
  /** "Add sessions": the run takes these after its own. */
  onAddSessions: (sessionIds: string[]) => void;
}

/**
 * A run watched and explored as one: combined progress and charts, its sessions' list, one
 * map and one table of every result, exports of the whole run. Each session that cannot be
 * read says why in its row; the rest of the run goes on.
 */
export function RunExplorer({
  runId,
  name,
  sessionIds,
  children,
  onAddSessions,
}: RunExplorerProps) {
  const { prefs, setIntervalMs, setPaused } = usePollPrefs();
  // The results' and the map's code load while the sessions are read, not after: in idle time
  // after the first paint, which they would otherwise hold up (or once results are there).
  useEffect(() => whenIdle(() => void preloadRunResults()), []);
  const { sessions, ready, refresh } = useRunStatuses(sessionIds, prefs);
  const [combine] = useState(createRunCombiner);
  const combined = useMemo(() => combine(runId, sessions), [combine, runId, sessions]);
  // Each part of the page shows a poll at once while on screen; off screen (the results below
  // the fold while the run is watched from its top, the cards while the map is looked at), it
  // follows once the polls settle, in idle time, or as soon as it comes into view.
  const [summary, cardsRef] = useOnScreenValue(combined);
  const [shown, resultsRef] = useOnScreenValue(combined);
  const { state, toggleBand } = useResultFilters();
  const running = sessions.filter((s) => !s.data || !isSessionFinished(s.data)).length;
  const cost = runPollCost(running, prefs.paused ? null : prefs.intervalMs);
  const hasResults = (combined.status.results?.length ?? 0) > 0;
  const resultsLoaded = usePreloaded(preloadRunResults, hasResults);
  const shareLink = useMemo(
    () => `${window.location.origin}${runViewPath(sessionIds, name)}`,
    [sessionIds, name],
  );

  return (
    <div className="flex flex-col gap-4" data-run-processed={combined.status.progress.processed}>
      {BREADCRUMB}
      <header className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{name}</h1>
          <p className="text-sm text-slate-700">
            {sessionIds.length === 0
              ? 'No session created yet.'
              : `A run of ${sessionIds.length} session${sessionIds.length === 1 ? '' : 's'}${combined.finished ? ', all finished' : ''}.`}
          </p>
        </div>
        {sessionIds.length > 0 && <CopyButton value={shareLink} label="Copy the run's link" />}
      </header>
      {children}
      {sessionIds.length > 0 && (
        <RunPollingLine
          running={running}
          cost={cost}
          intervalMs={prefs.intervalMs}
          paused={prefs.paused}
          onIntervalChange={setIntervalMs}
          onPausedChange={setPaused}
          onRefresh={refresh}
        />
      )}
      {/* Until the first answers, skeletons of the same size: nothing below moves. */}
      {combined.status.progress.total > 0 ? (
        <PanelBoundary name="summary cards">
          <div ref={cardsRef}>
            <MonitorPanels
              data={summary.status}
              samples={summary.samples}
              selectedBands={state.bands}
              onToggleBand={toggleBand}
            />
          </div>
        </PanelBoundary>
      ) : (
        sessionIds.length > 0 && !combined.finished && <CardsSkeleton />
      )}
      <Card title="Sessions">
        {sessionIds.length > 0 && <RunSessionList sessions={sessions} ready={ready} />}
        <AddSessionsForm existing={sessionIds} onAdd={onAddSessions} />
      </Card>
      {((!hasResults && sessionIds.length > 0 && !combined.finished) ||
        (hasResults && !resultsLoaded)) &&
        RESULTS_PLACEHOLDER}
      {hasResults && resultsLoaded && (
        <RunResults ref={resultsRef} runId={runId} sessionIds={sessionIds} combined={shown} />
      )}
    </div>
  );
}

interface RunResultsProps {
  runId: string;
  sessionIds: readonly string[];
  combined: CombinedRun;
  ref: (node?: Element | null) => void;
}

/**
 * One map, one table and the failures of every session's results, with the user's rows. Its
 * own component: a poll the results do not take in yet (off screen) renders none of it.
 */
const RunResults = memo(function RunResults({ runId, sessionIds, combined, ref }: RunResultsProps) {
  const config = useQuery(appConfigOptions());
  const input = useRunInput(sessionIds);
  const run = useMemo(() => ({ placeOf: combined.placeOf, input }), [combined.placeOf, input]);
  return (
    <div ref={ref} className="flex flex-col gap-4">
      <Suspense fallback={RESULTS_PLACEHOLDER}>
        <SessionResults
          sessionId={runId}
          results={combined.status.results}
          pending={combined.status.progress.total - combined.status.progress.processed}
          keptAs={combined.finished ? runMapName(sessionIds) : null}
          tileUrl={config.data?.tileUrl ?? null}
          tileAttribution={config.data?.tileAttribution ?? null}
          run={run}
        />
      </Suspense>
      <PanelBoundary name="failures">
        <FailuresCard results={combined.status.results} input={input} />
      </PanelBoundary>
    </div>
  );
});

/** The user's rows of every session of the run (they share the file's columns). */
function useRunInput(sessionIds: readonly string[]): SessionInput | null {
  const { effectiveKey } = useApiKey();
  const { data } = useQuery({
    queryKey: ['run-input', keyFingerprint(effectiveKey), sessionIds],
    queryFn: async () => {
      const inputs = (await Promise.all(sessionIds.map((id) => readSessionInput(id)))).filter(
        (i): i is SessionInput => i !== null,
      );
      const first = inputs[0];
      if (!first) return null;
      return {
        columns: first.columns,
        source: first.source,
        rows: Object.assign({}, ...inputs.map((i) => i.rows)) as SessionInput['rows'],
      };
    },
    staleTime: Infinity,
  });
  return data ?? null;
}

interface RunPollingLineProps {
  running: number;
  cost: number;
  intervalMs: number | null;
  paused: boolean;
  onIntervalChange: (ms: number | null) => void;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
}

/** What watching costs and how: the interval, pause, one round now. */
const RunPollingLine = memo(function RunPollingLine(props: RunPollingLineProps) {
  const { running, cost } = props;
  return (
    // The message wraps in its own room beside the controls, and the line holds two of its
    // lines: when the run's state changes the message, nothing moves.
    <div className="flex min-h-[3.75rem] flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white p-2 text-sm">
      <p className="min-w-64 flex-1 text-slate-800" role="status">
        {running === 0
          ? 'Every session has finished: nothing is polled. Finished sessions are read from this browser next time.'
          : props.paused
            ? `Paused: ${running} session${running === 1 ? '' : 's'} still running.`
            : `Watching ${running} running session${running === 1 ? '' : 's'} in turn, one request at a time: ≈ ${cost} call${cost === 1 ? '' : 's'}/min while running.`}
      </p>
      <div className="ml-auto flex flex-wrap items-center gap-1 sm:gap-3">
        <label className="flex items-center gap-1 whitespace-nowrap text-slate-700">
          Each session every
          <IntervalSelect
            value={props.intervalMs}
            onChange={props.onIntervalChange}
            className="rounded-md border border-slate-300 bg-white px-1 py-1"
          />
        </label>
        {/* Kept when nothing runs (disabled): the line keeps its shape, nothing below moves. */}
        <Button
          variant="ghost"
          disabled={running === 0}
          onClick={() => props.onPausedChange(!props.paused)}
        >
          {props.paused ? 'Resume' : 'Pause'}
        </Button>
        <Button variant="ghost" onClick={props.onRefresh}>
          Refresh
        </Button>
      </div>
    </div>
  );
});

/** Each session: its status, progress and failures, a link to its monitor, or its own error. */
const RunSessionList = memo(function RunSessionList({
  sessions,
  ready,
}: {
  sessions: RunSessionView[];
  ready: boolean;
}) {
  // Off screen, the rows follow once the polls settle (see `RunExplorer`).
  const [shown, ref] = useOnScreenValue(sessions);
  return (
    <div ref={ref} className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">The run’s sessions</caption>
        <thead className="text-left text-xs text-slate-700 uppercase">
          <tr>
            <th scope="col" className="px-2 py-1">
              Session
            </th>
            <th scope="col" className="px-2 py-1">
              Status
            </th>
            <th scope="col" className="px-2 py-1">
              Processed
            </th>
            <th scope="col" className="px-2 py-1">
              Failed
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <RunSessionRow key={s.id} id={s.id} data={s.data} error={s.error} ready={ready} />
          ))}
        </tbody>
      </table>
    </div>
  );
});

/** One session's row: rendered again only when its own answer changes. */
const RunSessionRow = memo(function RunSessionRow({
  ready,
  ...s
}: Pick<RunSessionView, 'id' | 'data' | 'error'> & { ready: boolean }) {
  return (
    <tr className="border-t border-slate-100" data-run-session={s.id}>
      <td className="px-2 py-1">
        <Link
          to={`/sessions/${encodeURIComponent(s.id)}`}
          className="font-mono text-xs text-teal-800 underline"
        >
          {s.id}
        </Link>
      </td>
      {s.data ? (
        <>
          <td className="px-2 py-1">
            {s.data.status}
            {s.error && (
              <span className="ml-2 text-xs text-amber-900">
                (last poll failed: {s.error.message})
              </span>
            )}
          </td>
          <td className="px-2 py-1 tabular-nums">
            {s.data.progress.processed} / {s.data.progress.total}
          </td>
          <td className="px-2 py-1 tabular-nums">{s.data.progress.failed}</td>
        </>
      ) : s.error ? (
        <td colSpan={3} className="px-2 py-1 text-red-800" role="status">
          {sessionError(s.error)}
        </td>
      ) : (
        <td colSpan={3} className="px-2 py-1 text-slate-600">
          {ready ? 'Waiting for its turn…' : 'Reading what this browser kept…'}
        </td>
      )}
    </tr>
  );
});

function sessionError(error: Error): string {
  if (!isApiError(error)) return `Could not be read: ${error.message}`;
  if (error.kind === 'not_found')
    return 'Not found: no such session for this API key (or another account’s).';
  if (error.kind === 'unauthorized') return `The API refused the key: ${error.message}`;
  return `Could not be read: ${error.message}`;
}

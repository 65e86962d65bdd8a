import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Link } from 'react-router';
import { appConfigOptions } from '@/api/queries';
import { Button } from '@/components/ui/button';
import { BellIcon } from '@/components/ui/icons';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { isApiError, quotaExhausted } from '@/api/client';
import { QuotaNotice } from '@/components/quota-notice';
import { isSessionFinished } from '@/contract/schemas';
import { formatAbsolute } from '@/lib/time-format';
import { useAfterPaint } from '@/lib/use-after-paint';
import { parseApiTimestamp } from '@/contract/timestamps';
import { FailuresCard, MonitorPanels } from '@/features/session-monitor/components/monitor-panels';
import {
  CardsSkeleton,
  MonitorError,
  MonitorSkeleton,
} from '@/features/session-monitor/components/monitor-states';
import { PollingBar } from '@/features/session-monitor/components/polling-bar';
import { SessionHeader } from '@/features/session-monitor/components/session-header';
import { useSessionStatus } from '@/features/session-monitor/lib/status-query';
import { percent } from '@/features/session-monitor/lib/summaries';
import { computeThroughput } from '@/features/session-monitor/lib/throughput';
import {
  useKeepLastStatus,
  useStoredStatus,
} from '@/features/session-monitor/lib/use-stored-status';
import {
  useFinishNotification,
  useKeyDialogOnRefusal,
  useProgressTitle,
  useRecentSession,
} from '@/features/session-monitor/lib/use-monitor-effects';
import { usePollPrefs } from '@/features/session-monitor/lib/use-poll-prefs';
import { useResultFilters } from '../lib/use-result-filters';
import { useSessionInput } from '../lib/use-session-input';

const loadResults = () => import('./session-results');
/**
 * The map, table and details: their code loads once the session's first answer is here, beside
 * the paint of the header it brought, not before it (they render after that paint anyway).
 */
const SessionResults = lazy(() => loadResults().then((m) => ({ default: m.SessionResults })));
const RESULTS_PLACEHOLDER = <Skeleton className="h-[32rem]" />;

export interface SessionExplorerProps {
  sessionId: string;
}

/**
 * A session, watched and explored: header, polling, summary cards, the linked map, table and
 * details, and the failures. One status query drives every panel. Heavy panels are memoized on the query's
 * data, which React Query keeps referentially equal for a 304 or an unchanged payload, and
 * clocks tick inside the small components that show time, so nothing else re-renders.
 */
export function SessionExplorer({ sessionId }: SessionExplorerProps) {
  const { prefs, setIntervalMs, setPaused } = usePollPrefs();
  const config = useQuery(appConfigOptions());
  const { query, decision, samples, lastAttemptAt, refreshNow } = useSessionStatus(
    sessionId,
    prefs,
  );
  const { error, dataUpdatedAt } = query;
  const failed = query.status === 'error' ? error : null;
  // Refused with nothing on screen (a reload while the quota is used up, the API down): the
  // last status this browser kept, marked with its time. Not for a refusal that says the
  // session or the key is wrong.
  const transient =
    failed !== null &&
    (!isApiError(failed) || ['quota', 'network', 'server'].includes(failed.kind));
  const { stored, reading } = useStoredStatus(sessionId, !query.data && transient);
  const data = query.data ?? stored?.status;
  const asOf = query.data ? dataUpdatedAt : (stored?.savedAt ?? null);
  useKeepLastStatus(sessionId, query.data, failed !== null);
  const exhausted = quotaExhausted(failed);
  // The first answer's cards and results render once the header and polling bar that came with
  // it have painted (a deferred value would render them before that paint). Only the first:
  // later polls are one render each.
  const ready = useAfterPaint(data !== undefined);
  const answered = data !== undefined;
  useEffect(() => {
    if (answered) void loadResults();
  }, [answered]);
  const shown = ready ? data : undefined;
  const pct = data ? percent(data.progress.processed, data.progress.total) : null;
  const notification = useFinishNotification(sessionId, data);
  useProgressTitle(sessionId, pct);

  useRecentSession(sessionId, data);
  useKeyDialogOnRefusal(data, failed);
  const { state, toggleBand } = useResultFilters();
  // For the failures' names, once the panels are on screen (the results ask for it too).
  const { input } = useSessionInput(sessionId, { enabled: ready });

  if (!data) {
    if (failed && !reading) {
      const retryAt = decision.poll ? lastAttemptAt + decision.delayMs : null;
      return (
        <MonitorError
          error={failed}
          sessionId={sessionId}
          retryAt={retryAt}
          onRetry={() => void query.refetch()}
        />
      );
    }
    return (
      <div className="flex flex-col gap-4">
        <Breadcrumb />
        <SessionHeader sessionId={sessionId} data={undefined} />
        <MonitorSkeleton />
      </div>
    );
  }

  const finished = isSessionFinished(data);
  const completedAt = data.completed_at ? parseApiTimestamp(data.completed_at) : null;
  return (
    <div className="flex flex-col gap-4">
      <Breadcrumb />
      <SessionHeader sessionId={sessionId} data={data} />
      <PollingBar
        decision={decision}
        updatedAt={asOf ?? dataUpdatedAt}
        lastAttemptAt={lastAttemptAt}
        sessionId={sessionId}
        staleError={failed}
        finishedAt={finished ? (completedAt ?? dataUpdatedAt) : null}
        intervalMs={prefs.intervalMs}
        paused={prefs.paused}
        onIntervalChange={setIntervalMs}
        onPausedChange={setPaused}
        sharedPolling={config.data?.sharedPolling ?? null}
        remainingMs={
          finished ? null : computeThroughput(data, samples, asOf ?? dataUpdatedAt).remainingMs
        }
        onRefresh={refreshNow}
      />
      {exhausted ? (
        <QuotaNotice resetAt={exhausted.resetAt}>
          Polling has stopped. What you see is this session as of{' '}
          {formatAbsolute(asOf ?? dataUpdatedAt)}
          {query.data ? '' : ', as this browser kept it'}: nothing is lost, and the session goes on
          on the API’s side.
        </QuotaNotice>
      ) : (
        stored &&
        !query.data && (
          <p
            role="status"
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
          >
            Shown as this browser kept it, as of {formatAbsolute(stored.savedAt)}: the API did not
            answer ({failed?.message}).
          </p>
        )
      )}
      {notification.supported && (!finished || notification.sawRunning) && (
        // One line of fixed height, kept when the session ends: nothing below moves.
        <div className="flex min-h-8 flex-wrap items-center gap-x-3 text-sm">
          {finished ? (
            <p className="px-3 text-slate-700">
              The session has finished{notification.enabled ? '; you were notified.' : '.'}
            </p>
          ) : (
            <Button
              variant="ghost"
              onClick={
                notification.enabled ? notification.disable : () => void notification.enable()
              }
            >
              <BellIcon />
              {notification.enabled
                ? 'You will be notified when it finishes · turn off'
                : 'Notify me when it finishes'}
            </Button>
          )}
          {notification.blocked && !finished && (
            <p role="status" className="text-amber-900">
              This browser blocks notifications from this site: allow them in its site settings.
            </p>
          )}
        </div>
      )}
      <PanelBoundary name="summary cards">
        {shown ? (
          <MonitorPanels
            data={shown}
            samples={samples}
            selectedBands={state.bands}
            onToggleBand={toggleBand}
          />
        ) : (
          <CardsSkeleton />
        )}
      </PanelBoundary>
      {shown ? (
        <>
          <Suspense fallback={RESULTS_PLACEHOLDER}>
            <SessionResults
              sessionId={sessionId}
              results={shown.results}
              pending={
                isSessionFinished(shown)
                  ? 0
                  : Math.max(0, shown.progress.total - shown.progress.processed)
              }
              tileUrl={config.data?.tileUrl ?? null}
              tileAttribution={config.data?.tileAttribution ?? null}
            />
          </Suspense>
          <PanelBoundary name="failures">
            <FailuresCard results={shown.results} input={input} />
          </PanelBoundary>
        </>
      ) : (
        RESULTS_PLACEHOLDER
      )}
    </div>
  );
}

function Breadcrumb() {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link to="/" className="text-teal-800 underline">
        Sessions
      </Link>
    </nav>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '@/api/client';
import { openApiKeyDialog } from '@/api/api-key';
import { appConfigOptions } from '@/api/queries';
import { isSessionFinished } from '@/contract/schemas';
import { Button } from '@/components/ui/button';
import { BellIcon } from '@/components/ui/icons';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { PlaceholderPage } from '@/components/ui/placeholder-page';
import { flushRecentSessions, rememberSession, updateRecentSession } from '@/lib/recent-sessions';
import { SESSION_ID_RE } from '@/lib/session-id';
import { parseApiTimestamp } from '@/contract/timestamps';
import {
  readTableState,
  toggleBand,
  writeTableState,
} from '@/features/results-table/lib/table-state';
import { FailuresCard, MonitorPanels } from '@/features/session-monitor/components/monitor-panels';
import {
  MonitorError,
  MonitorSkeleton,
} from '@/features/session-monitor/components/monitor-states';
import { PollingBar } from '@/features/session-monitor/components/polling-bar';
import { SessionHeader } from '@/features/session-monitor/components/session-header';
import { useSessionStatus } from '@/features/session-monitor/lib/status-query';
import { percent } from '@/features/session-monitor/lib/summaries';
import {
  useFinishNotification,
  useProgressTitle,
} from '@/features/session-monitor/lib/use-monitor-effects';
import { usePollPrefs } from '@/features/session-monitor/lib/use-poll-prefs';
import { SessionResults } from './session-results';

export function SessionMonitorRoute() {
  const { sessionId = '' } = useParams();
  if (!SESSION_ID_RE.test(sessionId)) {
    return (
      <PlaceholderPage
        title="That is not a session ID"
        description="Session IDs use letters, digits, “_” and “-” only (at most 128). Paste the ID again on the start page."
      />
    );
  }
  return <SessionMonitor key={sessionId} sessionId={sessionId} />;
}

/**
 * The monitor: one status query drives every panel. Heavy panels are memoized on the query's
 * data, which React Query keeps referentially equal for a 304 or an unchanged payload, and
 * clocks tick inside the small components that show time, so nothing else re-renders.
 */
function SessionMonitor({ sessionId }: { sessionId: string }) {
  const [params, setParams] = useSearchParams();
  const { prefs, setIntervalMs, setPaused } = usePollPrefs();
  const config = useQuery(appConfigOptions());
  const { query, decision, samples, lastAttemptAt, refreshNow } = useSessionStatus(
    sessionId,
    prefs,
  );
  const { data, error, dataUpdatedAt } = query;
  const pct = data ? percent(data.progress.processed, data.progress.total) : null;
  const notification = useFinishNotification(sessionId, data);
  useProgressTitle(sessionId, pct);

  useEffect(() => {
    rememberSession({ sessionId, status: null, processed: null, total: null });
    return flushRecentSessions;
  }, [sessionId]);
  useEffect(() => {
    if (data)
      updateRecentSession(sessionId, {
        status: data.status,
        processed: data.progress.processed,
        total: data.progress.total,
      });
  }, [sessionId, data]);

  const failed = query.status === 'error' ? error : null;
  useEffect(() => {
    if (!data && isApiError(failed) && failed.kind === 'unauthorized') {
      openApiKeyDialog(
        'The server did not accept the API key for this session. Enter a valid key.',
      );
    }
  }, [data, failed]);

  const bandsKey = readTableState(params).bands.join('|');
  const selectedBands = useMemo(() => (bandsKey ? bandsKey.split('|') : []), [bandsKey]);
  const handleToggleBand = useCallback(
    (level: string) =>
      setParams((p) => writeTableState(p, toggleBand(readTableState(p), level)), { replace: true }),
    [setParams],
  );

  if (!data) {
    if (failed) {
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
    return <MonitorSkeleton />;
  }

  const finished = isSessionFinished(data);
  const completedAt = data.completed_at ? parseApiTimestamp(data.completed_at) : null;
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/" className="text-teal-800 underline">
          Sessions
        </Link>
      </nav>
      <SessionHeader sessionId={sessionId} data={data} />
      <PollingBar
        decision={decision}
        updatedAt={dataUpdatedAt}
        lastAttemptAt={lastAttemptAt}
        sessionId={sessionId}
        staleError={failed}
        finishedAt={finished ? (completedAt ?? dataUpdatedAt) : null}
        intervalMs={prefs.intervalMs}
        paused={prefs.paused}
        onIntervalChange={setIntervalMs}
        onPausedChange={setPaused}
        sharedPolling={config.data?.sharedPolling ?? null}
        onRefresh={refreshNow}
      />
      {notification.supported && !finished && (
        <div className="text-sm">
          <Button
            variant="ghost"
            onClick={notification.enabled ? notification.disable : () => void notification.enable()}
          >
            <BellIcon />
            {notification.enabled
              ? 'You will be notified when it finishes · turn off'
              : 'Notify me when it finishes'}
          </Button>
        </div>
      )}
      <PanelBoundary name="summary cards">
        <MonitorPanels
          data={data}
          samples={samples}
          selectedBands={selectedBands}
          onToggleBand={handleToggleBand}
        />
      </PanelBoundary>
      <SessionResults
        sessionId={sessionId}
        results={data.results}
        pending={finished ? 0 : Math.max(0, data.progress.total - data.progress.processed)}
        tileUrl={config.data?.tileUrl ?? null}
        tileAttribution={config.data?.tileAttribution ?? null}
      />
      <PanelBoundary name="failures">
        <FailuresCard results={data.results} />
      </PanelBoundary>
    </div>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '@/api/client';
import { openApiKeyDialog } from '@/api/api-key';
import { appConfigOptions, sessionKeys } from '@/api/queries';
import { isSessionFinished } from '@/api/schemas';
import { useApiKey } from '@/api/use-api-key';
import { Button } from '@/components/ui/button';
import { BellIcon } from '@/components/ui/icons';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { PlaceholderPage } from '@/components/ui/placeholder-page';
import { rememberSession, updateRecentSession } from '@/lib/recent-sessions';
import { SESSION_ID_RE } from '@/lib/session-id';
import { parseApiTimestamp } from '@/lib/timestamps';
import { useNow } from '@/lib/use-now';
import { FailuresCard, MonitorPanels } from '@/features/session-monitor/components/monitor-panels';
import {
  MonitorError,
  MonitorSkeleton,
} from '@/features/session-monitor/components/monitor-states';
import { PollingBar } from '@/features/session-monitor/components/polling-bar';
import { SessionHeader } from '@/features/session-monitor/components/session-header';
import { decidePoll } from '@/features/session-monitor/lib/polling';
import {
  failureCount,
  pollSamples,
  sessionStatusOptions,
} from '@/features/session-monitor/lib/status-query';
import { percent } from '@/features/session-monitor/lib/summaries';
import {
  useFinishNotification,
  useProgressTitle,
} from '@/features/session-monitor/lib/use-monitor-effects';
import { usePollPrefs } from '@/features/session-monitor/lib/use-poll-prefs';
import {
  readTableState,
  toggleBand,
  writeTableState,
} from '@/features/results-table/lib/table-state';
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

function SessionMonitor({ sessionId }: { sessionId: string }) {
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tableState = readTableState(params);
  const { prefs, setIntervalMs, setPaused } = usePollPrefs();
  // The emulator's demo key arrives with /api/config: ask for the session once that is known.
  const config = useQuery(appConfigOptions());
  const query = useQuery({ ...sessionStatusOptions(sessionId, prefs), enabled: !config.isPending });
  const { data, error, isFetching, dataUpdatedAt, errorUpdatedAt } = query;
  const now = useNow(1000);
  const samples = pollSamples(sessionId);
  const pct = data ? percent(data.progress.processed, data.progress.total) : null;
  const notification = useFinishNotification(sessionId, data);
  useProgressTitle(sessionId, pct);

  // A new key (after a 401, or the user switching keys) reloads the session with it.
  const { effectiveKey } = useApiKey();
  useEffect(() => {
    void queryClient.resetQueries({ queryKey: sessionKeys.status(sessionId) });
  }, [effectiveKey, queryClient, sessionId]);

  useEffect(() => {
    rememberSession({ sessionId, status: null, processed: null, total: null });
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

  const decision = decidePoll({
    data,
    error: failed ? (isApiError(failed) ? failed : { kind: 'network', retryAfter: null }) : null,
    failureCount: failureCount(sessionId),
    ...prefs,
  });
  const lastAttemptAt = Math.max(dataUpdatedAt, errorUpdatedAt);
  const retryIn = decision.poll
    ? Math.max(0, Math.ceil((lastAttemptAt + decision.delayMs - now) / 1000))
    : null;

  if (!data) {
    if (failed)
      return (
        <MonitorError
          error={failed}
          sessionId={sessionId}
          retryIn={retryIn}
          onRetry={() => void query.refetch()}
        />
      );
    return <MonitorSkeleton />;
  }

  const finishedAt =
    isSessionFinished(data) && data.completed_at
      ? parseApiTimestamp(data.completed_at)
      : isSessionFinished(data)
        ? dataUpdatedAt
        : null;
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/" className="text-teal-800 underline">
          Sessions
        </Link>
      </nav>
      <SessionHeader sessionId={sessionId} data={data} now={now} />
      <PollingBar
        decision={decision}
        updatedAt={dataUpdatedAt}
        lastAttemptAt={lastAttemptAt}
        isFetching={isFetching}
        staleError={failed}
        finishedAt={finishedAt}
        intervalMs={prefs.intervalMs}
        paused={prefs.paused}
        now={now}
        onIntervalChange={setIntervalMs}
        onPausedChange={setPaused}
        onRefresh={() => void query.refetch()}
      />
      {notification.supported && !isSessionFinished(data) && (
        <div className="text-sm">
          {notification.enabled ? (
            <Button variant="ghost" onClick={notification.disable}>
              <BellIcon /> You will be notified when it finishes · turn off
            </Button>
          ) : (
            <Button variant="ghost" onClick={() => void notification.enable()}>
              <BellIcon /> Notify me when it finishes
            </Button>
          )}
        </div>
      )}
      <PanelBoundary name="summary cards">
        <MonitorPanels
          data={data}
          samples={samples}
          now={now}
          selectedBands={tableState.bands}
          onToggleBand={(level) =>
            setParams((p) => writeTableState(p, toggleBand(readTableState(p), level)), {
              replace: true,
            })
          }
        />
      </PanelBoundary>
      <SessionResults
        sessionId={sessionId}
        results={data.results}
        tileUrl={config.data?.tileUrl ?? null}
        tileAttribution={config.data?.tileAttribution ?? null}
      />
      <PanelBoundary name="failures">
        <FailuresCard results={data.results} />
      </PanelBoundary>
    </div>
  );
}

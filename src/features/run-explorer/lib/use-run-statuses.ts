import {
  hashKey,
  notifyManager,
  QueriesObserver,
  skipToken,
  useQuery,
  useQueryClient,
  type Query,
  type QueryObserverOptions,
} from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { sessionKeys } from '@/api/queries';
import { isSessionFinished, type SessionStatus } from '@/contract/schemas';
import { decidePoll } from '@/features/session-monitor/lib/polling';
import {
  pollInputOf,
  sessionStatusOptions,
  type PollPrefs,
} from '@/features/session-monitor/lib/status-query';
import { useApiKey } from '@/lib/api-key';
import { saveLastStatus } from '@/lib/browser-db';
import { whenIdle } from '@/lib/idle';
import { keptInBrowser, keptStatusesOptions } from './kept-statuses';
import { planNextPoll, type PollEntry } from './round-robin';

export interface RunSessionView {
  id: string;
  data: SessionStatus | undefined;
  error: Error | null;
}

const NEVER_POLLED: PollEntry['decision'] = { poll: true, delayMs: 0, reason: 'interval' };

/**
 * A run's sessions watched together: each session's last status kept in this browser is read
 * first, so a finished one costs no call again; the others are polled in turn by
 * `planNextPoll` (at most one request a second for the whole run, each session by the
 * monitor's own policy: its interval, backoff, Retry-After), nothing while the tab is hidden.
 * Each answer lands in the session's own status query, which its monitor reads too.
 */
export function useRunStatuses(sessionIds: readonly string[], givenPrefs: PollPrefs) {
  const client = useQueryClient();
  const { intervalMs, paused } = givenPrefs;
  const prefs = useMemo(() => ({ intervalMs, paused }), [intervalMs, paused]);
  const { effectiveKey } = useApiKey();
  const idsKey = sessionIds.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the list, by its content
  const ids = useMemo(() => sessionIds, [idsKey]);

  // What this browser kept: in the status queries before any poll (read as the route loaded).
  const kept = useQuery(keptStatusesOptions(client, effectiveKey, ids));

  const answers = useSessionAnswers(ids);

  // By its hash: `find` would hash every query in the cache, for each session, at each turn.
  const find = useCallback(
    (id: string) =>
      client.getQueryCache().get<SessionStatus>(hashKey(sessionKeys.status(id))) as
        (Query<SessionStatus> & object) | undefined,
    [client],
  );
  // "Refresh": every session once more, finished or not, still one a second.
  const forced = useRef(new Set<string>());
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => {
    for (const id of ids) forced.current.add(id);
    // The scheduler starts again with them due (still one request a second).
    setRound((r) => r + 1);
  }, [ids]);

  const ready = kept.isSuccess;
  // Kept across the effect's restarts (new preferences, a refresh): the rate bound holds.
  const turn = useRef({ cursor: -1, lastRequestAt: -Infinity });
  useEffect(() => {
    if (!ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const state = turn.current;
    const schedule = () => {
      clearTimeout(timer);
      if (stopped || document.visibilityState === 'hidden') return;
      const entries: PollEntry[] = ids.map((id) => {
        const q = find(id);
        const never = !q || (q.state.data === undefined && q.state.error === null);
        return {
          // Asked for once even when polling is paused or off, as a monitor's first load is.
          decision: never ? NEVER_POLLED : decidePoll(pollInputOf(q, prefs)),
          lastAttemptAt: q ? Math.max(q.state.dataUpdatedAt, q.state.errorUpdatedAt) : 0,
          forced: forced.current.has(id),
        };
      });
      const plan = planNextPoll(entries, state);
      if (!plan) return;
      timer = setTimeout(
        () => {
          const id = ids[plan.index] as string;
          state.cursor = plan.index;
          state.lastRequestAt = Date.now();
          forced.current.delete(id);
          client
            .fetchQuery({ ...sessionStatusOptions(id, prefs), staleTime: 0 })
            .catch(() => undefined)
            .finally(schedule);
        },
        Math.max(0, plan.at - Date.now()),
      );
    };
    schedule();
    document.addEventListener('visibilitychange', schedule);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', schedule);
    };
  }, [ready, ids, prefs, client, find, round]);

  // A new list only when an answer changed: the run is recombined only then.
  const views = useMemo(
    (): RunSessionView[] =>
      ids.map((id) => {
        const state = find(id)?.state;
        return { id, data: state?.data, error: state?.error ?? null };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `answers` changes when one does
    [ids, find, answers],
  );

  // A session that finished is kept, so the next visit reads it instead of asking.
  useEffect(() => {
    const done = views.flatMap((s) =>
      s.data && isSessionFinished(s.data) && !keptInBrowser.has(s.data)
        ? [[s.id, s.data] as const]
        : [],
    );
    if (done.length === 0) return;
    return whenIdle(() => {
      for (const [id, data] of done) {
        keptInBrowser.add(data);
        void saveLastStatus(id, data);
      }
    }, 2_000);
  }, [views]);

  return { sessions: views, ready, refresh };
}

/**
 * The sessions' status queries, observed (kept in the cache, their answers shared with each
 * session's monitor): a new value each time a session's data or error changes, nothing else.
 * React Query's `useQueries` would re-apply the 20 queries' options and rebuild their results
 * on every render of the page, a poll's included; the list is set here only when it changes.
 */
function useSessionAnswers(ids: readonly string[]): unknown {
  const client = useQueryClient();
  const queries = useMemo(
    () =>
      ids.map((id): QueryObserverOptions => ({
        queryKey: sessionKeys.status(id),
        queryFn: skipToken,
        notifyOnChangeProps: ['data', 'error'],
      })),
    [ids],
  );
  const [observer] = useState(() => new QueriesObserver(client, queries));
  useEffect(() => observer.setQueries(queries), [observer, queries]);
  const subscribe = useCallback(
    (onChange: () => void) => observer.subscribe(notifyManager.batchCalls(onChange)),
    [observer],
  );
  const current = useCallback(() => observer.getCurrentResult(), [observer]);
  return useSyncExternalStore(subscribe, current, current);
}

import {
  queryOptions,
  useQuery,
  useQueryClient,
  type Query,
  type QueryClient,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { isApiError, quotaExhausted } from '@/api/client';
import { fetchSessionStatus, sessionKeys } from '@/api/queries';
import type { SessionStatus } from '@/contract/schemas';
import { decidePoll, type PollDecision, type PollInput } from './polling';
import { addSample, type PollSample } from './throughput';

/** How long an answer counts as fresh enough to show without asking again (the shortest interval). */
const FRESH_ON_MOUNT_MS = 2_000;

export interface PollPrefs {
  /** null = polling off. */
  intervalMs: number | null;
  paused: boolean;
}

/** What the monitor tracks of a session's polls beside its data. */
interface PollTracking {
  /** Failed polls in a row since the last success, for the backoff. */
  failures: number;
  /** Successive answers (time, processed), for the recent throughput. */
  samples: PollSample[];
  /** The next poll was asked for by the user ("Refresh now"): no older answer will do. */
  wantFresh: boolean;
}

/**
 * Keyed by React Query's own query object: the tracking lives as long as the query does in
 * its client's cache, and is dropped with it (a new client, a test, a garbage-collected query).
 */
const tracking = new WeakMap<object, PollTracking>();

function trackingOf(query: object): PollTracking {
  let t = tracking.get(query);
  if (!t) tracking.set(query, (t = { failures: 0, samples: [], wantFresh: false }));
  return t;
}

const statusQuery = (client: QueryClient, sessionId: string) =>
  client
    .getQueryCache()
    .find<SessionStatus>({ queryKey: sessionKeys.status(sessionId), exact: true });

/** The one input to the polling policy, from the query's own state. */
export function pollInputOf(
  query: Pick<Query<SessionStatus>, 'state'> & object,
  prefs: PollPrefs,
): PollInput {
  const error = query.state.status === 'error' ? query.state.error : null;
  return {
    data: query.state.data,
    error: error
      ? isApiError(error)
        ? error
        : { kind: 'network', retryAfter: null, status: 0, code: null, at: 0 }
      : null,
    failureCount: trackingOf(query).failures,
    ...prefs,
  };
}

/**
 * The one status query every monitor panel reads, so panels never disagree. Its polling
 * policy is `decidePoll`: stop at the end, back off on errors, honour Retry-After; React Query
 * itself pauses the interval in a hidden tab and refetches when the tab returns.
 */
export const sessionStatusOptions = (sessionId: string, prefs: PollPrefs) =>
  queryOptions({
    queryKey: sessionKeys.status(sessionId),
    // The fetch state has its own subscriber (the polling bar's dot): starting a poll must not
    // re-render the whole monitor.
    notifyOnChangeProps: ['data', 'error', 'status', 'dataUpdatedAt', 'errorUpdatedAt'],
    // The interval is how old an answer a poll accepts; it is no part of the data's identity.
    meta: { acceptAgeMs: prefs.intervalMs },
    // An answer fetched while the monitor's code loaded (the route prefetches) is used as is
    // when the monitor mounts, not asked for again: every call costs the user quota.
    staleTime: FRESH_ON_MOUNT_MS,
    // Nor is a refused one asked again on mount: backoff and Retry-After decide when.
    retryOnMount: false,
    queryFn: async ({ signal, meta, client }) => {
      const query = statusQuery(client, sessionId);
      const t = query ? trackingOf(query) : null;
      const fresh = t?.wantFresh ?? false;
      if (t) t.wantFresh = false;
      const acceptAgeMs = typeof meta?.acceptAgeMs === 'number' ? meta.acceptAgeMs : null;
      try {
        const data = await fetchSessionStatus(sessionId, {
          signal,
          previous: query?.state.data,
          maxAgeMs: fresh ? null : acceptAgeMs,
        });
        if (t) {
          t.failures = 0;
          t.samples = addSample(t.samples, { at: Date.now(), processed: data.progress.processed });
        }
        return data;
      } catch (error) {
        if (t && !signal.aborted) t.failures++;
        throw error;
      }
    },
    refetchInterval: (query) => {
      const decision = decidePoll(pollInputOf(query, prefs));
      return decision.poll ? decision.delayMs : false;
    },
    // Backoff and Retry-After belong to the interval policy: no separate retries.
    retry: false,
    // Not once the month's quota is used up: the answer would be the same refusal.
    refetchOnWindowFocus: (query) => !quotaExhausted(query.state.error),
    refetchIntervalInBackground: false,
  });

export interface SessionStatusView {
  query: ReturnType<typeof useQuery<SessionStatus>>;
  decision: PollDecision;
  samples: PollSample[];
  /** When the last poll ended, successful or not. */
  lastAttemptAt: number;
  /** "Refresh now": a poll that accepts no older answer. */
  refreshNow: () => void;
}

/** A session's status as the monitor shows it: the data, the polling decision and the samples. */
export function useSessionStatus(sessionId: string, prefs: PollPrefs): SessionStatusView {
  const client = useQueryClient();
  const query = useQuery(sessionStatusOptions(sessionId, prefs));
  const cached = statusQuery(client, sessionId);
  const decision = cached
    ? decidePoll(pollInputOf(cached, prefs))
    : decidePoll({ data: undefined, error: null, failureCount: 0, ...prefs });
  const { refetch } = query;
  const refreshNow = useCallback(() => {
    const current = statusQuery(client, sessionId);
    if (current) trackingOf(current).wantFresh = true;
    void refetch();
  }, [client, sessionId, refetch]);
  return {
    query,
    decision,
    samples: cached ? trackingOf(cached).samples : [],
    lastAttemptAt: Math.max(query.dataUpdatedAt, query.errorUpdatedAt),
    refreshNow,
  };
}

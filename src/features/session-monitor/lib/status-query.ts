import { queryOptions } from '@tanstack/react-query';
import { isApiError } from '@/api/client';
import { fetchSessionStatus, sessionKeys } from '@/api/queries';
import { decidePoll } from './polling';
import { addSample, type PollSample } from './throughput';

export interface PollPrefs {
  /** null = polling off. */
  intervalMs: number | null;
  paused: boolean;
}

/** Consecutive failed polls per session since its last success, for the backoff. */
const consecutiveFailures = new Map<string, number>();

export function failureCount(sessionId: string): number {
  return consecutiveFailures.get(sessionId) ?? 0;
}

/** Sessions whose next fetch was asked for by the user ("Refresh now"): no older answer will do. */
const freshWanted = new Set<string>();

/** Marks the next status fetch of a session as the user's own, to be answered fresh. */
export function wantFreshStatus(sessionId: string) {
  freshWanted.add(sessionId);
}

/** Successive answers (time, processed) per session, for the recent throughput. */
const samples = new Map<string, PollSample[]>();

export function pollSamples(sessionId: string): PollSample[] {
  return samples.get(sessionId) ?? [];
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
    queryFn: async ({ signal, meta }) => {
      try {
        const acceptAgeMs = typeof meta?.acceptAgeMs === 'number' ? meta.acceptAgeMs : null;
        const fresh = freshWanted.delete(sessionId);
        const data = await fetchSessionStatus(sessionId, signal, fresh ? null : acceptAgeMs);
        consecutiveFailures.set(sessionId, 0);
        samples.set(
          sessionId,
          addSample(pollSamples(sessionId), { at: Date.now(), processed: data.progress.processed }),
        );
        return data;
      } catch (error) {
        if (!signal.aborted) consecutiveFailures.set(sessionId, failureCount(sessionId) + 1);
        throw error;
      }
    },
    refetchInterval: (query) => {
      const error = query.state.status === 'error' ? query.state.error : null;
      const decision = decidePoll({
        data: query.state.data,
        error: error ? (isApiError(error) ? error : { kind: 'network', retryAfter: null }) : null,
        failureCount: failureCount(sessionId),
        ...prefs,
      });
      return decision.poll ? decision.delayMs : false;
    },
    // Backoff and Retry-After belong to the interval policy: no separate retries.
    retry: false,
    refetchOnWindowFocus: true,
    refetchIntervalInBackground: false,
  });

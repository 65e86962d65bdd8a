import { quotaExhausted, type ApiError } from '@/api/client';
import { isSessionFinished, type SessionStatus } from '@/contract/schemas';

export const POLL_INTERVALS_MS = [2_000, 5_000, 10_000, 30_000] as const;
export const DEFAULT_POLL_MS = 5_000;
export const MAX_BACKOFF_MS = 60_000;

export interface PollInput {
  data: SessionStatus | undefined;
  /** The last fetch's error, when it failed. */
  error: Pick<ApiError, 'kind' | 'retryAfter' | 'status' | 'code' | 'at'> | null;
  /** Consecutive failed fetches since the last success. */
  failureCount: number;
  /** The user's chosen interval; null when polling is off. */
  intervalMs: number | null;
  paused: boolean;
}

export type PollDecision =
  | { poll: false; reason: 'finished' | 'paused' | 'off' | 'stop-error' | 'quota' }
  | { poll: true; delayMs: number; reason: 'interval' | 'backoff' | 'retry-after' };

/**
 * The one polling policy: stop when the session is finished, when the user paused or turned
 * polling off, on errors that retrying cannot fix, or when the month's quota is used up; back
 * off exponentially (cap 60 s) on other errors; honour Retry-After on a brief 429. (Hidden tabs
 * are paused by React Query itself.)
 */
export function decidePoll({
  data,
  error,
  failureCount,
  intervalMs,
  paused,
}: PollInput): PollDecision {
  if (data && isSessionFinished(data)) return { poll: false, reason: 'finished' };
  if (
    error &&
    (error.kind === 'unauthorized' ||
      error.kind === 'not_found' ||
      error.kind === 'invalid_request')
  ) {
    return { poll: false, reason: 'stop-error' };
  }
  // The month's calls are used up: asking again only adds refusals until the quota resets.
  if (quotaExhausted(error)) return { poll: false, reason: 'quota' };
  if (paused) return { poll: false, reason: 'paused' };
  if (intervalMs === null) return { poll: false, reason: 'off' };
  if (error) {
    if (error.retryAfter !== null && error.retryAfter !== undefined) {
      return {
        poll: true,
        delayMs: Math.min(Math.max(error.retryAfter * 1000, intervalMs), 3_600_000),
        reason: 'retry-after',
      };
    }
    const backoff = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.max(0, failureCount - 1));
    return { poll: true, delayMs: backoff, reason: 'backoff' };
  }
  return { poll: true, delayMs: intervalMs, reason: 'interval' };
}

export interface PollCost {
  /** API calls per minute that watching spends (for everyone watching, when shared). */
  callsPerMinute: number;
  /** The server shares status polls between everyone watching with the same key. */
  shared: boolean;
}

/**
 * What watching costs: one API call per poll, or, when the server shares polls (team mode),
 * at most one per the server's minimum interval for everyone watching together.
 */
export function pollCost(
  intervalMs: number | null,
  sharedPolling: { minIntervalMs: number } | null | undefined,
): PollCost | null {
  if (intervalMs === null || intervalMs <= 0) return null;
  const every = sharedPolling ? Math.max(intervalMs, sharedPolling.minIntervalMs) : intervalMs;
  return { callsPerMinute: Math.round((60_000 / every) * 10) / 10, shared: Boolean(sharedPolling) };
}

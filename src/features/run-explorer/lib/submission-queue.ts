/**
 * A run's chunks submitted as sessions one after another: a 429 waits its `Retry-After`, a
 * network or server error backs off, a refusal for good (400, 413, the listing cap) marks the
 * chunk rejected with its reason and goes on; a missing key or a used-up month stops the
 * queue. Each chunk is recorded submitted in the same step that records its session, so a
 * reload resumes with the chunks still pending and never submits one twice.
 */
import { isApiError, quotaExhausted } from '@/api/client';
import type { Coordinate } from '@/contract/schemas';
import type { RunChunk } from '@/lib/runs';

export interface QueueDeps {
  create: (locations: Coordinate[], signal: AbortSignal) => Promise<{ sessionId: string }>;
  /** The chunk submitted as `sessionId`, recorded in one step. */
  submitted: (chunk: number, sessionId: string) => Promise<void>;
  rejected: (chunk: number, reason: string) => Promise<void>;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  onState?: (state: QueueState) => void;
}

export type QueueState =
  | { phase: 'submitting'; chunk: number; of: number }
  | { phase: 'waiting'; chunk: number; of: number; untilMs: number; why: string }
  | { phase: 'done' }
  | { phase: 'stopped'; why: string }
  | { phase: 'cancelled' };

/** First wait after a network or server error; doubled each time, up to a minute. */
export const FIRST_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 60_000;

type Outcome =
  | { kind: 'ok'; sessionId: string }
  | { kind: 'retry'; waitMs: number; why: string }
  | { kind: 'reject'; reason: string }
  | { kind: 'stop'; why: string };

function classify(error: unknown, failures: number): Outcome {
  const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** failures);
  if (!isApiError(error))
    return { kind: 'retry', waitMs: backoff, why: 'The request did not go through' };
  if (quotaExhausted(error))
    return { kind: 'stop', why: `The month's API calls are used up: ${error.message}` };
  if (error.kind === 'unauthorized')
    return { kind: 'stop', why: `The API refused the key: ${error.message}` };
  if (error.status === 429)
    return {
      kind: 'retry',
      waitMs: error.retryAfter !== null ? error.retryAfter * 1000 : backoff,
      why: 'The API asked to slow down',
    };
  if (error.kind === 'network' || error.kind === 'server')
    return { kind: 'retry', waitMs: backoff, why: error.message };
  // A 400, a 413, the listing cap; or an answer not as documented, which may have made a
  // session: submitting again could make a second one.
  return { kind: 'reject', reason: error.message };
}

/** Submits the pending chunks in order; resolves with how the queue ended. */
export async function runQueue(
  chunks: readonly RunChunk[],
  deps: QueueDeps,
  signal: AbortSignal,
): Promise<QueueState> {
  const pending = chunks.filter((c) => c.state === 'pending');
  const of = chunks.length;
  const end = (state: QueueState) => {
    deps.onState?.(state);
    return state;
  };
  for (const chunk of pending) {
    let failures = 0;
    for (;;) {
      if (signal.aborted) return end({ phase: 'cancelled' });
      deps.onState?.({ phase: 'submitting', chunk: chunk.index, of });
      let outcome: Outcome;
      try {
        const { sessionId } = await deps.create(chunk.locations, signal);
        outcome = { kind: 'ok', sessionId };
      } catch (error) {
        if (signal.aborted) return end({ phase: 'cancelled' });
        outcome = classify(error, failures);
      }
      if (outcome.kind === 'ok') {
        await deps.submitted(chunk.index, outcome.sessionId);
        break;
      }
      if (outcome.kind === 'reject') {
        await deps.rejected(chunk.index, outcome.reason);
        break;
      }
      if (outcome.kind === 'stop') return end({ phase: 'stopped', why: outcome.why });
      failures++;
      deps.onState?.({
        phase: 'waiting',
        chunk: chunk.index,
        of,
        untilMs: Date.now() + outcome.waitMs,
        why: outcome.why,
      });
      try {
        await deps.sleep(outcome.waitMs, signal);
      } catch {
        return end({ phase: 'cancelled' });
      }
    }
  }
  return end({ phase: 'done' });
}

/** A `sleep` for `runQueue`: a timer, cleared when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Which of a run's sessions to poll next, and when: one request at a time, at least `minGapMs`
 * apart however many sessions the run holds, each session no sooner than its own polling
 * decision allows (the monitor's policy: the interval, backoff, Retry-After; none once it is
 * finished or refused for good), taken in turn so that none waits behind the others.
 */
import type { PollDecision } from '@/features/session-monitor/lib/polling';

/** By default a run costs at most one status request per second. */
export const RUN_MIN_GAP_MS = 1_000;

export interface PollEntry {
  decision: PollDecision;
  /** When its last poll ended (ms since the epoch); 0 when it was never polled. */
  lastAttemptAt: number;
  /** "Refresh": poll it in this round whatever its decision. */
  forced?: boolean;
}

export interface PollPlan {
  index: number;
  /** When to send it (ms since the epoch). */
  at: number;
}

/**
 * The next poll: the session due soonest, no sooner than `minGapMs` after the last request;
 * sessions due at the same time go in turn from the one after `cursor`. Null: none to poll.
 */
export function planNextPoll(
  entries: readonly PollEntry[],
  { cursor, lastRequestAt }: { cursor: number; lastRequestAt: number },
  minGapMs = RUN_MIN_GAP_MS,
): PollPlan | null {
  const earliest = lastRequestAt + minGapMs;
  let best: PollPlan | null = null;
  const n = entries.length;
  for (let k = 1; k <= n; k++) {
    const index = (cursor + k + n) % n;
    const e = entries[index] as PollEntry;
    const due = e.forced
      ? 0
      : e.decision.poll
        ? e.lastAttemptAt === 0
          ? 0
          : e.lastAttemptAt + e.decision.delayMs
        : Infinity;
    if (due === Infinity) continue;
    const at = Math.max(due, earliest);
    if (!best || at < best.at) best = { index, at };
  }
  return best;
}

/**
 * What watching costs, in status calls per minute: each running session at its interval, all
 * of them together at most one per `minGapMs`.
 */
export function runPollCost(running: number, intervalMs: number | null, minGapMs = RUN_MIN_GAP_MS) {
  if (running === 0 || intervalMs === null) return 0;
  return Math.round(Math.min(60_000 / minGapMs, (running * 60_000) / intervalMs));
}

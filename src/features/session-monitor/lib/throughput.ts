import type { SessionStatus } from '@/contract/schemas';
import { parseApiTimestamp } from '@/contract/timestamps';

export interface PollSample {
  /** When the poll's answer arrived (ms). */
  at: number;
  processed: number;
}

export interface Throughput {
  /** Locations per minute over the recent polls, or null until two polls differ. */
  recentPerMinute: number | null;
  /** Locations per minute since started_at, or null before it started. */
  overallPerMinute: number | null;
  /** Time left as a range in ms, or null until it can be estimated. */
  remainingMs: { low: number; high: number } | null;
}

const WINDOW = 6;

/** Keeps the samples that say something new, the last few only. */
export function addSample(samples: PollSample[], sample: PollSample): PollSample[] {
  const last = samples[samples.length - 1];
  // Unchanged: the same array, so memoized panels see no change.
  if (last && last.processed === sample.processed) return samples;
  return [...samples, sample].slice(-WINDOW);
}

export function computeThroughput(
  status: Pick<SessionStatus, 'progress' | 'started_at' | 'completed_at'>,
  samples: readonly PollSample[],
  now: number,
): Throughput {
  const { total, processed } = status.progress;
  const remaining = Math.max(0, total - processed);

  let recentPerMinute: number | null = null;
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first && last && last.at > first.at && last.processed > first.processed) {
    recentPerMinute = ((last.processed - first.processed) / (last.at - first.at)) * 60_000;
  }

  let overallPerMinute: number | null = null;
  const started = status.started_at ? parseApiTimestamp(status.started_at) : null;
  const completed = status.completed_at ? parseApiTimestamp(status.completed_at) : null;
  const end = completed ?? now;
  if (started !== null && processed > 0 && end > started)
    overallPerMinute = (processed / (end - started)) * 60_000;

  let remainingMs: Throughput['remainingMs'] = null;
  if (remaining === 0 && processed > 0) remainingMs = { low: 0, high: 0 };
  else {
    const rates = [recentPerMinute, overallPerMinute].filter(
      (r): r is number => r !== null && r > 0,
    );
    if (rates.length > 0) {
      const fast = Math.max(...rates);
      const slow = Math.min(...rates);
      // Even with one rate, a ±20% band says honestly that this is an estimate.
      remainingMs = {
        low: (remaining / (fast * 1.2)) * 60_000,
        high: (remaining / (slow * 0.8)) * 60_000,
      };
    }
  }
  return { recentPerMinute, overallPerMinute, remainingMs };
}

import type { SessionResult, SessionStatus } from '@/contract/schemas';
import { parseApiTimestamp } from '@/contract/timestamps';
import { runProgress } from '@/lib/runs';

export interface CombinedRun {
  /** The run as one session: summed progress, every result in session order. */
  status: SessionStatus;
  /** Each result's session. */
  sessionOf: ReadonlyMap<SessionResult, string>;
  /** Every session's status is known and finished. */
  finished: boolean;
}

/**
 * The run's sessions as one: progress summed over those whose status is known, results in the
 * order of the sessions, started at the earliest start, completed at the latest end once all
 * have ended.
 */
export function combineRun(
  runId: string,
  sessions: readonly { id: string; data: SessionStatus | undefined }[],
): CombinedRun {
  const known = sessions.flatMap((s) => (s.data ? [{ id: s.id, data: s.data }] : []));
  const progress = runProgress(known.map((s) => s.data));
  const finished = known.length === sessions.length && progress.finished === sessions.length;
  const results: SessionResult[] = [];
  const sessionOf = new Map<SessionResult, string>();
  let started: number | null = null;
  let startedText: string | null = null;
  let completed: number | null = null;
  let completedText: string | null = null;
  let submitted = '';
  for (const { id, data } of known) {
    for (const r of data.results ?? []) {
      results.push(r);
      sessionOf.set(r, id);
    }
    const s = data.started_at ? parseApiTimestamp(data.started_at) : null;
    if (s !== null && (started === null || s < started)) {
      started = s;
      startedText = data.started_at ?? null;
    }
    const c = data.completed_at ? parseApiTimestamp(data.completed_at) : null;
    if (c !== null && (completed === null || c > completed)) {
      completed = c;
      completedText = data.completed_at ?? null;
    }
    if (submitted === '' || data.submitted_at < submitted) submitted = data.submitted_at;
  }
  return {
    status: {
      session_id: runId,
      status: finished ? 'COMPLETED' : 'PROCESSING',
      progress: {
        total: progress.total,
        processed: progress.processed,
        successful: progress.successful,
        failed: progress.failed,
      },
      results,
      submitted_at: submitted,
      started_at: startedText,
      completed_at: finished ? completedText : null,
    },
    sessionOf,
    finished,
  };
}

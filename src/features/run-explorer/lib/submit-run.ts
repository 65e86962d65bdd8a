import { createSession } from '@/api/endpoints';
import { readRun, saveSessionInput, updateRun } from '@/lib/browser-db';
import { rememberSession } from '@/lib/recent-sessions';
import { withChunkRejected, withChunkSubmitted } from '@/lib/runs';
import { abortableSleep, runQueue, type QueueState } from './submission-queue';

/**
 * Submits what is left of a stored run, reading its chunks afresh (a reload resumes where the
 * last page stopped). One tab at a time: another tab that holds the run's lock is already
 * submitting it, and this one resolves `{ phase: 'elsewhere' }` at once.
 */
export async function submitRun(
  runId: string,
  signal: AbortSignal,
  onState: (state: QueueState) => void,
  sleep = abortableSleep,
): Promise<QueueState | { phase: 'elsewhere' }> {
  const work = async () => {
    const run = await readRun(runId);
    if (!run) return { phase: 'stopped', why: 'This run is not stored in this browser.' } as const;
    return runQueue(
      run.chunks,
      {
        create: (locations, signal) => createSession(locations, { signal }),
        submitted: async (chunk, sessionId) => {
          // Marked submitted in the same write that records the session it became.
          await updateRun(runId, (r) => withChunkSubmitted(r, chunk, sessionId));
          const rows = run.chunks[chunk]?.rows ?? {};
          await saveSessionInput(sessionId, { columns: run.columns, rows, source: run.source });
          rememberSession({ sessionId, status: 'QUEUED', processed: 0, total: null });
        },
        rejected: async (chunk, reason) => {
          await updateRun(runId, (r) => withChunkRejected(r, chunk, reason));
        },
        sleep,
        onState,
      },
      signal,
    );
  };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return work();
  return locks.request(`quiet-score:submit:${runId}`, { ifAvailable: true }, (lock) =>
    lock ? work() : { phase: 'elsewhere' as const },
  );
}

import { createSession } from '@/api/endpoints';
import { readRun, saveSessionInput, updateRun } from '@/lib/browser-db';
import { rememberSession } from '@/lib/recent-sessions';
import { withChunkRejected, withChunkSubmitted } from '@/lib/runs';
import { abortableSleep, runQueue, type QueueState } from './submission-queue';

export type SubmitState = QueueState | { phase: 'elsewhere' };

/**
 * Submits what is left of a stored run, reading its chunks afresh (a reload resumes where the
 * last page stopped). One tab at a time: while another tab holds the run's lock, this one
 * reports `{ phase: 'elsewhere' }` and waits for the lock; when that tab finishes or is
 * closed, this one reads the run again and submits whatever that tab left.
 */
export async function submitRun(
  runId: string,
  signal: AbortSignal,
  onState: (state: SubmitState) => void,
  sleep = abortableSleep,
): Promise<QueueState> {
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
  const name = `quiet-score:submit:${runId}`;
  const now = await locks.request(name, { ifAvailable: true }, (lock) => (lock ? work() : null));
  if (now) return now;
  onState({ phase: 'elsewhere' });
  try {
    return await locks.request(name, { signal }, work);
  } catch (error) {
    if (signal.aborted) return { phase: 'cancelled' };
    throw error;
  }
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { updateRun } from '@/lib/browser-db';
import { withPendingCancelled, type Run } from '@/lib/runs';
import { submitRun, type SubmitState } from '../lib/submit-run';

type Shown = SubmitState | null;

/** How often a tab waiting on another's submission reads the run back. */
const ELSEWHERE_REREAD_MS = 2000;

/**
 * The run's chunks still to submit, submitted one after another while this page is open (a
 * reload or another visit goes on where it stopped; a second tab shows the first one's progress
 * and takes over if it is closed); Cancel stops the rest. A queue the API stopped (the key
 * refused, the month's calls used up) starts again on "Try again", once that is fixed. Chunks
 * the API refused for good are listed with the reason, their locations downloadable.
 */
export function RunQueue({ run, runQueryKey }: { run: Run; runQueryKey: readonly unknown[] }) {
  const client = useQueryClient();
  const [state, setState] = useState<Shown>(null);
  /** Bumped by "Try again": the queue starts over from the chunks still pending. */
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const pending = run.chunks.filter((c) => c.state === 'pending').length;
  const hasPending = pending > 0;

  useEffect(() => {
    if (!hasPending) return;
    const abort = new AbortController();
    controller.current = abort;
    const reread = () => void client.invalidateQueries({ queryKey: runQueryKey });
    void submitRun(run.id, abort.signal, (s) => {
      setState(s);
      // A chunk was recorded before the next one starts, and at the end: the run has changed.
      if (s.phase !== 'waiting' && s.phase !== 'elsewhere') reread();
    }).then((end) => {
      if (abort.signal.aborted) return;
      setState(end);
      reread();
    });
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one queue per run, page and attempt
  }, [run.id, hasPending, attempt]);

  // While another tab submits, its progress is read back from this browser's store.
  const elsewhere = hasPending && state?.phase === 'elsewhere';
  useEffect(() => {
    if (!elsewhere) return;
    const timer = setInterval(
      () => void client.invalidateQueries({ queryKey: runQueryKey }),
      ELSEWHERE_REREAD_MS,
    );
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the run's key is stable
  }, [elsewhere]);

  async function cancel() {
    controller.current?.abort();
    await updateRun(run.id, withPendingCancelled);
    await client.invalidateQueries({ queryKey: runQueryKey });
  }

  const rejected = run.chunks.filter((c) => c.state === 'rejected');
  const cancelled = run.chunks.filter((c) => c.state === 'cancelled').length;
  const of = run.chunks.length;
  if (of === 0) return null;
  return (
    <section
      aria-label="Submission"
      className="flex flex-col gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm"
    >
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" className="font-medium">
          {queueLine(state, pending, of, run.sessions.length)}
        </p>
        {hasPending && state?.phase === 'stopped' && (
          <Button
            onClick={() => {
              setState(null);
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </Button>
        )}
        {hasPending && state?.phase !== 'elsewhere' && (
          <Button variant="ghost" onClick={() => void cancel()}>
            Cancel the rest
          </Button>
        )}
      </div>
      {hasPending && (
        <progress
          className="h-2 w-full"
          max={of}
          value={of - pending}
          aria-label="Sessions submitted"
        />
      )}
      {cancelled > 0 && (
        <p className="text-slate-700">
          {cancelled} chunk{cancelled === 1 ? ' was' : 's were'} cancelled before submission.
        </p>
      )}
      {rejected.length > 0 && (
        <ul className="flex flex-col gap-1" aria-label="Chunks the API refused">
          {rejected.map((c) => (
            <li key={c.index} className="text-red-900">
              Chunk {c.index + 1} ({c.locations.length} locations) was refused: {c.reason}{' '}
              <Button
                variant="ghost"
                onClick={() =>
                  void import('@/features/results-table/lib/exports').then((m) =>
                    m.download(
                      `${run.id}-chunk-${c.index + 1}.csv`,
                      m.locationsCsv(c.locations),
                      'text/csv;charset=utf-8',
                    ),
                  )
                }
              >
                Download its locations
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function queueLine(state: Shown, pending: number, of: number, created: number): string {
  if (pending === 0)
    return `All ${of} chunks handled: ${created} session${created === 1 ? '' : 's'} created.`;
  switch (state?.phase) {
    case 'submitting':
      return `Submitting ${state.chunk + 1} of ${of}…`;
    case 'waiting':
      return `${state.why}: trying chunk ${state.chunk + 1} of ${of} again in ${Math.max(1, Math.round((state.untilMs - Date.now()) / 1000))} s.`;
    case 'stopped':
      return `Stopped with ${pending} chunk${pending === 1 ? '' : 's'} left: ${state.why}`;
    case 'elsewhere':
      return `Another tab is submitting this run (${pending} chunk${pending === 1 ? '' : 's'} left); this one takes over if it is closed.`;
    case 'cancelled':
      return `${pending} chunk${pending === 1 ? '' : 's'} not submitted.`;
    default:
      return `${pending} of ${of} chunks to submit…`;
  }
}

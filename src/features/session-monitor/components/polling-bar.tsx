import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ApiError } from '@/api/client';
import { sessionKeys } from '@/api/queries';
import { Button } from '@/components/ui/button';
import { formatAgo, formatClock } from '@/lib/time-format';
import { useNow } from '@/lib/use-now';
import { POLL_INTERVALS_MS, pollCost, type PollDecision } from '../lib/polling';

export interface PollingBarProps {
  decision: PollDecision;
  updatedAt: number;
  lastAttemptAt: number;
  sessionId: string;
  /** The last poll's error while data is still shown. */
  staleError: ApiError | Error | null;
  finishedAt: number | null;
  intervalMs: number | null;
  paused: boolean;
  /** Team mode: the server shares status polls between everyone watching with the same key. */
  sharedPolling: { minIntervalMs: number } | null;
  onIntervalChange: (ms: number | null) => void;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
}

export function PollingBar(props: PollingBarProps) {
  const {
    decision,
    updatedAt,
    lastAttemptAt,
    sessionId,
    staleError,
    finishedAt,
    intervalMs,
    paused,
  } = props;
  const now = useNow(1000);
  const nextIn = decision.poll
    ? Math.max(0, Math.ceil((lastAttemptAt + decision.delayMs - now) / 1000))
    : null;
  const finished = decision.poll === false && decision.reason === 'finished';
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
      <span className="flex items-center gap-2" aria-live="off">
        <FetchingDot sessionId={sessionId} stale={staleError !== null} />
        {finished ? (
          <span>finished {finishedAt ? formatClock(finishedAt) : ''} · polling stopped</span>
        ) : (
          <span>
            updated {formatAgo(updatedAt, now)}
            {nextIn !== null && <> · next in {nextIn} s</>}
            {decision.poll === false && decision.reason === 'paused' && <> · paused</>}
            {decision.poll === false && decision.reason === 'off' && <> · polling off</>}
          </span>
        )}
      </span>
      {staleError && (
        <span
          className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900"
          role="status"
        >
          stale since {formatClock(updatedAt)} · {describeRetry(staleError, decision, nextIn)}
        </span>
      )}
      {!finished && (
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1.5">
            <span className="text-slate-700">Every</span>
            <select
              className="rounded border border-slate-300 bg-white px-1.5 py-1"
              value={intervalMs ?? 'off'}
              onChange={(e) =>
                props.onIntervalChange(e.target.value === 'off' ? null : Number(e.target.value))
              }
            >
              {POLL_INTERVALS_MS.map((ms) => (
                <option key={ms} value={ms}>
                  {ms / 1000} s
                </option>
              ))}
              <option value="off">off</option>
            </select>
          </label>
          <CostLine intervalMs={paused ? null : intervalMs} sharedPolling={props.sharedPolling} />
          <Button onClick={() => props.onPausedChange(!paused)}>
            {paused ? 'Resume' : 'Pause'}
          </Button>
          <Button onClick={props.onRefresh}>Refresh now</Button>
        </div>
      )}
    </div>
  );
}

/** What watching spends of the account's API calls, beside the interval that decides it. */
function CostLine(props: {
  intervalMs: number | null;
  sharedPolling: { minIntervalMs: number } | null;
}) {
  const cost = pollCost(props.intervalMs, props.sharedPolling);
  if (!cost) return null;
  const calls = `≈ ${cost.callsPerMinute} API call${cost.callsPerMinute === 1 ? '' : 's'}/min`;
  return (
    <span
      className="text-xs text-slate-600"
      title={
        cost.shared
          ? 'This server asks the API once for everyone watching this session with the same key.'
          : 'Each poll from this tab is one API call.'
      }
    >
      {cost.shared ? `${calls}, shared by everyone watching` : calls}
    </span>
  );
}

function describeRetry(
  error: ApiError | Error,
  decision: PollDecision,
  nextIn: number | null,
): string {
  const what = 'kind' in error && error.kind === 'quota' ? 'rate limited' : 'last update failed';
  if (!decision.poll) return what;
  return `${what}, retrying in ${nextIn ?? Math.round(decision.delayMs / 1000)} s`;
}

/** A poll answered sooner than this never lights the dot: no flicker, no repaint. */
export const FETCHING_DOT_DELAY_MS = 300;

/**
 * True while the session's status has been fetching for longer than `FETCHING_DOT_DELAY_MS`.
 * Subscribes to the query cache itself, so a fast poll renders nothing here at all.
 */
function useSlowFetch(sessionId: string): boolean {
  const client = useQueryClient();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const queryKey = sessionKeys.status(sessionId);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Only a change is set: a no-op `setSlow(false)` after every poll still cost React a render
    // and a commit.
    let lit = false;
    const light = (on: boolean) => {
      if (on !== lit) setSlow((lit = on));
    };
    const check = () => {
      if (client.isFetching({ queryKey }) === 0) {
        clearTimeout(timer);
        timer = undefined;
        light(false);
      } else if (timer === undefined) {
        timer = setTimeout(() => light(true), FETCHING_DOT_DELAY_MS);
      }
    };
    check();
    const unsubscribe = client.getQueryCache().subscribe(check);
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [client, sessionId]);
  return slow;
}

/**
 * The fetch state has its own subscriber, so a slow poll repaints this dot and nothing else.
 * A steady color, not a pulse: an animation would cost a frame every 16 ms while fetching.
 */
function FetchingDot({ sessionId, stale }: { sessionId: string; stale: boolean }) {
  const fetching = useSlowFetch(sessionId);
  return (
    <>
      <span
        aria-hidden="true"
        className={`h-2 w-2 rounded-full ${fetching ? 'bg-sky-500' : stale ? 'bg-amber-500' : 'bg-emerald-500'}`}
      />
      <span className="sr-only">{fetching ? 'Fetching' : 'Idle'}</span>
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ApiError } from '@/api/client';
import { accountUsageOptions, sessionKeys } from '@/api/queries';
import { Button } from '@/components/ui/button';
import { formatAgo, formatClock } from '@/lib/time-format';
import { useNow } from '@/lib/use-now';
import { formatCount } from '@/lib/units';
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
  /** How long the session may still run (a range), when it can be estimated. */
  remainingMs: { low: number; high: number } | null;
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
    <div className="flex min-h-[3.125rem] flex-wrap items-center gap-x-4 gap-y-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
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
            <IntervalSelect
              className="rounded border border-slate-300 bg-white px-1.5 py-1"
              value={intervalMs}
              onChange={props.onIntervalChange}
            />
          </label>
          <CostLine
            intervalMs={paused ? null : intervalMs}
            sharedPolling={props.sharedPolling}
            remainingMs={props.remainingMs}
            onIntervalChange={props.onIntervalChange}
          />
          <Button onClick={() => props.onPausedChange(!paused)}>
            {paused ? 'Resume' : 'Pause'}
          </Button>
          <Button onClick={props.onRefresh}>Refresh now</Button>
        </div>
      )}
    </div>
  );
}

/** Calls a poll every `intervalMs` spends until the session ends (its high estimate). */
function callsToEnd(
  intervalMs: number,
  shared: { minIntervalMs: number } | null,
  remainingMs: { high: number } | null,
): number | null {
  const cost = pollCost(intervalMs, shared);
  if (!cost || !remainingMs) return null;
  return Math.ceil((remainingMs.high / 60_000) * cost.callsPerMinute);
}

/**
 * What watching spends of the account's API calls, beside the interval that decides it: per
 * minute, and about how many more until the session ends. When the calls left this month
 * (the usage the header shows, followed call by call) would not last that long, says so and
 * offers the fastest interval that fits, or turning polling off.
 */
function CostLine(props: {
  intervalMs: number | null;
  sharedPolling: { minIntervalMs: number } | null;
  remainingMs: { low: number; high: number } | null;
  onIntervalChange: (ms: number | null) => void;
}) {
  // The header chip's answer, read from the cache: this line never asks for it.
  const { data: usage } = useQuery({ ...accountUsageOptions(), enabled: false });
  const cost = pollCost(props.intervalMs, props.sharedPolling);
  if (!cost || props.intervalMs === null) return null;
  const calls = `≈ ${cost.callsPerMinute} API call${cost.callsPerMinute === 1 ? '' : 's'}/min`;
  const toEnd = callsToEnd(props.intervalMs, props.sharedPolling, props.remainingMs);
  const max = usage?.response['API Key Max Plan Usage'] ?? -1;
  const left =
    max === -1 ? null : Math.max(0, max - (usage?.response['API Key Current Usage'] ?? 0));
  const short = left !== null && toEnd !== null && toEnd > left;
  const fits = short
    ? POLL_INTERVALS_MS.find(
        (ms) => (callsToEnd(ms, props.sharedPolling, props.remainingMs) ?? Infinity) <= left,
      )
    : undefined;
  return (
    <>
      <span
        className="text-xs text-slate-600"
        title={
          cost.shared
            ? 'This server asks the API once for everyone watching this session with the same key.'
            : 'Each poll from this tab is one API call.'
        }
      >
        {cost.shared ? `${calls}, shared by everyone watching` : calls}
        {toEnd !== null && ` · about ${formatCount(toEnd)} more to the end`}
      </span>
      {short && (
        <span
          role="status"
          className="flex w-full flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-950"
        >
          {left} API call{left === 1 ? '' : 's'} left this month: watching to the end every{' '}
          {props.intervalMs / 1000} s takes about {formatCount(toEnd)}.
          <Button className="py-0.5" onClick={() => props.onIntervalChange(fits ?? null)}>
            {fits ? `Poll every ${fits / 1000} s` : 'Turn polling off'}
          </Button>
        </span>
      )}
    </>
  );
}

function describeRetry(
  error: ApiError | Error,
  decision: PollDecision,
  nextIn: number | null,
): string {
  if (decision.poll === false && decision.reason === 'quota') return 'monthly quota used up';
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

/** The polling interval: the choices every monitor offers, and off. */
export function IntervalSelect({
  value,
  onChange,
  className,
}: {
  value: number | null;
  onChange: (ms: number | null) => void;
  className: string;
}) {
  return (
    <select
      className={className}
      value={value ?? 'off'}
      onChange={(e) => onChange(e.target.value === 'off' ? null : Number(e.target.value))}
    >
      {POLL_INTERVALS_MS.map((ms) => (
        <option key={ms} value={ms}>
          {ms / 1000} s
        </option>
      ))}
      <option value="off">off</option>
    </select>
  );
}

import type { SessionResult, SessionStatus } from '@/contract/schemas';
import { parseApiTimestamp } from '@/contract/timestamps';
import { appendsTo, grown } from '@/lib/append-only';
import type { ResultPlace } from '@/lib/results';
import { runProgress } from '@/lib/runs';
import { addSample, type PollSample } from '@/features/session-monitor/lib/throughput';

export interface CombinedRun {
  /** The run as one session: summed progress, every result in the order it arrived. */
  status: SessionStatus;
  /** Each result's session and place in it. */
  placeOf: ReadonlyMap<SessionResult, ResultPlace>;
  /** Every session's status is known and finished. */
  finished: boolean;
  /** The run's processed count each time it changed, for its throughput and time left. */
  samples: PollSample[];
}

type Sessions = readonly { id: string; data: SessionStatus | undefined }[];

/**
 * The run's sessions as one, kept between polls: a poll that brings a session new results
 * appends them, so every result already there keeps its place (its row, its pin, its
 * derivations are not made again). Results come in session order on a first look, then as
 * they arrive. A session whose earlier results changed (never, by the API) starts it over.
 * Each new processed count is a throughput sample, taken as it is combined (no second render).
 */
export function createRunCombiner(now: () => number = Date.now) {
  let results: SessionResult[] = [];
  let samples: PollSample[] = [];
  let placeOf = new Map<SessionResult, ResultPlace>();
  /** Per session: its results already combined. */
  let seen = new Map<string, readonly SessionResult[]>();

  function restart(sessions: Sessions) {
    results = [];
    placeOf = new Map();
    seen = new Map();
    for (const s of sessions) add(s.id, s.data?.results ?? []);
  }
  /** Takes in `list`'s results from `from` on, pushed to `into`. */
  function add(id: string, list: readonly SessionResult[], from = 0, into = results) {
    for (let i = from; i < list.length; i++) {
      const r = list[i] as SessionResult;
      into.push(r);
      placeOf.set(r, { sessionId: id, position: i });
    }
    seen.set(id, list);
  }

  return function combine(runId: string, sessions: Sessions): CombinedRun {
    const ids = new Set(sessions.map((s) => s.id));
    if ([...seen.keys()].some((id) => !ids.has(id))) restart(sessions);
    else {
      const added: SessionResult[] = [];
      let restarted = false;
      for (const s of sessions) {
        const list = s.data?.results ?? [];
        const before = seen.get(s.id) ?? [];
        if (list === before) continue;
        if (!appendsTo(list, before)) {
          restart(sessions);
          restarted = true;
          break;
        }
        add(s.id, list, before.length, added);
      }
      // A new array when anything is added, copied once (the one handed out before stays as it
      // was): the views memoized on it see the change.
      if (!restarted && added.length > 0) results = grown(results.concat(added), results);
    }
    const combined = summary(runId, sessions, results);
    samples = addSample(samples, { at: now(), processed: combined.status.progress.processed });
    return { ...combined, placeOf, samples };
  };
}

function summary(runId: string, sessions: Sessions, results: SessionResult[]) {
  const known = sessions.flatMap((s) => (s.data ? [s.data] : []));
  const progress = runProgress(known);
  const finished = known.length === sessions.length && progress.finished === sessions.length;
  let started: { ms: number; text: string } | null = null;
  let completed: { ms: number; text: string } | null = null;
  let submitted = '';
  for (const data of known) {
    const { s, c } = timesOf(data);
    if (s !== null && (!started || s < started.ms))
      started = { ms: s, text: data.started_at ?? '' };
    if (c !== null && (!completed || c > completed.ms))
      completed = { ms: c, text: data.completed_at ?? '' };
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
      started_at: started?.text ?? null,
      completed_at: finished ? (completed?.text ?? null) : null,
    },
    finished,
  };
}

const parsedTimes = new WeakMap<SessionStatus, { s: number | null; c: number | null }>();

/** A session's start and end in ms, parsed once per answer: a poll changes one session of many. */
function timesOf(data: SessionStatus) {
  let times = parsedTimes.get(data);
  if (!times) {
    times = {
      s: data.started_at ? parseApiTimestamp(data.started_at) : null,
      c: data.completed_at ? parseApiTimestamp(data.completed_at) : null,
    };
    parsedTimes.set(data, times);
  }
  return times;
}

/** The run's sessions as one, from scratch (see `createRunCombiner`). */
export const combineRun = (runId: string, sessions: Sessions) =>
  createRunCombiner()(runId, sessions);

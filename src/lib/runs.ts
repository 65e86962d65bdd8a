/**
 * Runs: a portfolio watched as one, an ordered set of sessions with a name. A run is kept in
 * this browser (IndexedDB) at `/runs/:runId`, or rebuilt anywhere from its link,
 * `/runs/view?sessions=a,b,…&name=…` (never a key in it).
 */
import { isSessionFinished, type Coordinate, type SessionStatus } from '../contract/schemas';
import type { InputRow } from './browser-db';
import { extractSessionId } from './session-id';

/** More sessions than one page can watch and draw: a run of 100,000 locations. */
export const MAX_RUN_SESSIONS = 200;

/** One session's worth of the input, waiting to be submitted, or what became of it. */
export interface RunChunk {
  /** Its place in the run, from 0. */
  index: number;
  locations: Coordinate[];
  /** The user's rows these locations came from, by coordinate (as a session's input keeps them). */
  rows: Record<string, InputRow>;
  state: 'pending' | 'submitted' | 'rejected' | 'cancelled';
  /** The session it became, once submitted. */
  sessionId?: string;
  /** Why the API refused it for good (a 400, a 413, the listing cap). */
  reason?: string;
}

export interface Run {
  id: string;
  name: string;
  createdAt: number;
  /** Its sessions in order: chunks' sessions as they are created, and any added. */
  sessions: string[];
  /** The input still to submit, and what was (empty for a run made of existing sessions). */
  chunks: RunChunk[];
  /** The user's own column names, for every chunk's rows. */
  columns: string[];
  /** The input's file name, or null for pasted text. */
  source: string | null;
}

export interface SessionList {
  /** Valid IDs in the order given, each once. */
  sessions: string[];
  /** Words that are not session IDs, as given. */
  invalid: string[];
  /** Set when the list is too long to open as one run. */
  tooMany: string | null;
}

/**
 * Session IDs pasted one per line, or separated by commas or spaces (or links to sessions,
 * which contain no spaces): the valid ones in order, each once, and the rest named.
 */
export function parseSessionList(text: string): SessionList {
  const sessions: string[] = [];
  const invalid: string[] = [];
  for (const word of text.split(/[\s,;]+/)) {
    if (word === '') continue;
    const found = extractSessionId(word);
    if (found.ok) {
      if (!sessions.includes(found.sessionId)) sessions.push(found.sessionId);
    } else invalid.push(word);
  }
  return {
    sessions,
    invalid,
    tooMany:
      sessions.length > MAX_RUN_SESSIONS
        ? `A run holds at most ${MAX_RUN_SESSIONS} sessions; this one lists ${sessions.length}. Split it into runs of ${MAX_RUN_SESSIONS} or fewer.`
        : null,
  };
}

/** The link that rebuilds a run on any machine: its sessions and name, nothing else. */
export function runViewPath(sessions: readonly string[], name?: string): string {
  const params = new URLSearchParams({ sessions: sessions.join(',') });
  if (name) params.set('name', name);
  return `/runs/view?${params.toString().replaceAll('%2C', ',')}`;
}

/** What the map keeps a finished run's clusters under: its sessions, in order. */
export const runMapName = (sessions: readonly string[]) => `run:${sessions.join(',')}`;

/** What the map keeps a finished session's clusters under (never a run's name). */
export const sessionMapName = (sessionId: string) => `session:${sessionId}`;

/** A run ID: random, URL-safe, and distinct from a session ID at a glance. */
export function newRunId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `run_${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')}`;
}

export const isRunId = (id: string) => /^run_[a-z0-9]{1,40}$/.test(id);

/** A new run of `chunks`, none submitted yet. */
export function newRun(
  name: string,
  chunks: { locations: Coordinate[]; rows: Record<string, InputRow> }[],
  input: { columns: string[]; source: string | null },
  now = Date.now(),
): Run {
  return {
    id: newRunId(),
    name,
    createdAt: now,
    sessions: [],
    chunks: chunks.map((c, index) => ({ ...c, index, state: 'pending' })),
    columns: input.columns,
    source: input.source,
  };
}

/** The run with `chunk` refused for good, and why. */
export const withChunkRejected = (run: Run, chunk: number, reason: string): Run => ({
  ...run,
  chunks: run.chunks.map((c) => (c.index === chunk ? { ...c, state: 'rejected', reason } : c)),
});

/** The run with every chunk not yet submitted cancelled. */
export const withPendingCancelled = (run: Run): Run => ({
  ...run,
  chunks: run.chunks.map((c) => (c.state === 'pending' ? { ...c, state: 'cancelled' } : c)),
});

/** The run with `chunk` recorded as the session `sessionId`: both in one step. */
export function withChunkSubmitted(run: Run, chunk: number, sessionId: string): Run {
  return {
    ...run,
    sessions: run.sessions.includes(sessionId) ? run.sessions : [...run.sessions, sessionId],
    chunks: run.chunks.map((c) =>
      c.index === chunk ? { ...c, state: 'submitted', sessionId } : c,
    ),
  };
}

export interface RunProgress {
  total: number;
  processed: number;
  successful: number;
  failed: number;
  /** Sessions whose status is known, and of them finished. */
  known: number;
  finished: number;
}

/** The run's progress: the sums of its sessions' (those whose status is known). */
export function runProgress(statuses: readonly (SessionStatus | undefined)[]): RunProgress {
  const sum: RunProgress = {
    total: 0,
    processed: 0,
    successful: 0,
    failed: 0,
    known: 0,
    finished: 0,
  };
  for (const s of statuses) {
    if (!s) continue;
    sum.total += s.progress.total;
    sum.processed += s.progress.processed;
    sum.successful += s.progress.successful;
    sum.failed += s.progress.failed;
    sum.known++;
    if (isSessionFinished(s)) sum.finished++;
  }
  return sum;
}

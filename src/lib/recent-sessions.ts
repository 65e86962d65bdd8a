/** Recently opened sessions, kept in localStorage with their last known state. */
import { createSnapshotStore, readStoredList, writeStored } from './browser-store';

export interface RecentSession {
  sessionId: string;
  status: string | null;
  processed: number | null;
  total: number | null;
  openedAt: number;
}

const KEY = 'quiet-score.recent-sessions';
const MAX = 20;

const store = createSnapshotStore<RecentSession[]>(() =>
  readStoredList(
    'local',
    KEY,
    (r): r is RecentSession =>
      typeof r === 'object' && r !== null && typeof (r as RecentSession).sessionId === 'string',
  ),
);

/** How long a progress-only update may wait before it is written to storage. */
export const PROGRESS_WRITE_DELAY_MS = 5_000;
let pendingWrite: ReturnType<typeof setTimeout> | null = null;

function write() {
  if (pendingWrite !== null) clearTimeout(pendingWrite);
  pendingWrite = null;
  // Storage full or disabled: the list is kept for this page.
  writeStored('local', KEY, JSON.stringify(store.get()));
}

/**
 * The page reads the list from memory at once; storage is written at once for anything but
 * progress, and progress at most every few seconds (a synchronous write per poll was a
 * millisecond of every poll), and whatever is pending when the page is hidden or left.
 */
function save(list: RecentSession[], { progressOnly = false } = {}) {
  store.set(list);
  if (!progressOnly) write();
  else pendingWrite ??= setTimeout(write, PROGRESS_WRITE_DELAY_MS);
}

/** Writes a pending progress update now (the monitor calls it when it closes). */
export function flushRecentSessions() {
  if (pendingWrite !== null) write();
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', flushRecentSessions);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushRecentSessions();
  });
}

export function getRecentSessions(): RecentSession[] {
  return store.get();
}

/** Adds or refreshes a session at the top (newest first). */
export function rememberSession(entry: Omit<RecentSession, 'openedAt'> & { openedAt?: number }) {
  const list = getRecentSessions();
  const existing = list.find((r) => r.sessionId === entry.sessionId);
  if (
    existing &&
    existing.status === entry.status &&
    existing.processed === entry.processed &&
    list[0] === existing
  )
    return;
  const next: RecentSession = {
    ...existing,
    ...entry,
    openedAt: entry.openedAt ?? existing?.openedAt ?? Date.now(),
  };
  save([next, ...list.filter((r) => r.sessionId !== entry.sessionId)].slice(0, MAX));
}

/** Updates the last known state without moving the session. */
export function updateRecentSession(
  sessionId: string,
  patch: Pick<RecentSession, 'status' | 'processed' | 'total'>,
) {
  const list = getRecentSessions();
  const i = list.findIndex((r) => r.sessionId === sessionId);
  const current = list[i];
  if (!current) return;
  if (
    current.status === patch.status &&
    current.processed === patch.processed &&
    current.total === patch.total
  )
    return;
  const next = [...list];
  next[i] = { ...current, ...patch };
  save(next, { progressOnly: current.status === patch.status && current.total === patch.total });
}

export function forgetRecentSession(sessionId: string) {
  save(getRecentSessions().filter((r) => r.sessionId !== sessionId));
}

export function useRecentSessions(): RecentSession[] {
  return store.use();
}

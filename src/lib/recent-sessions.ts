/** Recently opened sessions, kept in localStorage with their last known state. */
import { useSyncExternalStore } from 'react';

export interface RecentSession {
  sessionId: string;
  status: string | null;
  processed: number | null;
  total: number | null;
  openedAt: number;
}

const KEY = 'quiet-score.recent-sessions';
const MAX = 20;
const listeners = new Set<() => void>();
let cache: RecentSession[] | null = null;

function load(): RecentSession[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter(
          (r): r is RecentSession =>
            typeof r === 'object' &&
            r !== null &&
            typeof (r as RecentSession).sessionId === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

function save(list: RecentSession[]) {
  cache = list;
  try {
    window.localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    /* storage full or disabled: keep the list for this page */
  }
  for (const l of listeners) l();
}

export function getRecentSessions(): RecentSession[] {
  cache ??= load();
  return cache;
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
  save(next);
}

export function forgetRecentSession(sessionId: string) {
  save(getRecentSessions().filter((r) => r.sessionId !== sessionId));
}

export function useRecentSessions(): RecentSession[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getRecentSessions,
    getRecentSessions,
  );
}

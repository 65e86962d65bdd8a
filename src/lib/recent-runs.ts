/**
 * The runs this browser keeps, as the start page lists them: a small index in localStorage
 * (the runs themselves, with their input, are in IndexedDB), so the start page reads it without
 * opening the database. Each entry names the key it was made with (by fingerprint).
 */
import { getEffectiveApiKey } from './api-key';
import { createSnapshotStore, readStoredList, writeStored } from './browser-store';
import { keyFingerprint } from './browser-db';

export interface RecentRun {
  id: string;
  name: string;
  sessions: number;
  createdAt: number;
  /** The fingerprint of the key it is filed under. */
  key: string;
}

const KEY = 'quiet-score.recent-runs';
const MAX = 20;

const store = createSnapshotStore<RecentRun[]>(() =>
  readStoredList(
    'local',
    KEY,
    (r): r is RecentRun =>
      typeof r === 'object' && r !== null && typeof (r as RecentRun).id === 'string',
  ),
);

function save(list: RecentRun[]) {
  store.set(list);
  writeStored('local', KEY, JSON.stringify(list));
}

/** Adds or refreshes a run of the current key, newest first. */
export function rememberRun(run: Omit<RecentRun, 'key'>) {
  const entry = { ...run, key: keyFingerprint(getEffectiveApiKey()) };
  const list = store.get();
  const same = list.find((r) => r.id === run.id);
  if (same && same.sessions === entry.sessions && same.name === entry.name) return;
  save(
    [entry, ...list.filter((r) => r.id !== run.id)]
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, MAX),
  );
}

export function forgetRun(runId: string) {
  save(store.get().filter((r) => r.id !== runId));
}

/** The current key's runs. */
export function useRecentRuns(key: string | null): RecentRun[] {
  const fingerprint = keyFingerprint(key);
  return store.use().filter((r) => r.key === fingerprint);
}

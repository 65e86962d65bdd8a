import { useSyncExternalStore } from 'react';

/**
 * The one pattern behind the browser's small stores (the API key, recent sessions, deleted
 * listings): a snapshot read lazily, replaced whole, and announced to React's
 * `useSyncExternalStore`.
 */
export function createSnapshotStore<T>(load: () => T) {
  let snapshot: { value: T } | null = null;
  const listeners = new Set<() => void>();
  const get = (): T => (snapshot ??= { value: load() }).value;
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return {
    get,
    subscribe,
    /** Replaces the snapshot and tells every subscriber. */
    set(value: T) {
      snapshot = { value };
      for (const listener of listeners) listener();
    },
    /** Reads `load` again on the next `get` and tells every subscriber. */
    reload() {
      snapshot = null;
      for (const listener of listeners) listener();
    },
    use: (): T => useSyncExternalStore(subscribe, get, get),
  };
}

export type StorageKind = 'local' | 'session';

/** Web Storage, or null where the browser refuses it (private modes, sandboxed frames). */
function storage(kind: StorageKind): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

export function readStored(kind: StorageKind, key: string): string | null {
  try {
    return storage(kind)?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Writes (or, with null, removes) a value; false when storage is full or refused. */
export function writeStored(kind: StorageKind, key: string, value: string | null): boolean {
  try {
    const s = storage(kind);
    if (!s) return false;
    if (value === null) s.removeItem(key);
    else s.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** A stored JSON list, keeping only the items `keep` accepts; [] when missing or unreadable. */
export function readStoredList<T>(
  kind: StorageKind,
  key: string,
  keep: (item: unknown) => item is T,
): T[] {
  try {
    const parsed: unknown = JSON.parse(readStored(kind, key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(keep) : [];
  } catch {
    return [];
  }
}

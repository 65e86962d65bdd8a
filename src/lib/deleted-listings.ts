/** Listings deleted from this browser, so their pins and rows show as deleted (sessionStorage). */
import { useSyncExternalStore } from 'react';

const KEY = 'quiet-score.deleted-listings';
const listeners = new Set<() => void>();
let snapshot: ReadonlySet<string> | null = null;

function read(): ReadonlySet<string> {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? '[]');
    return new Set(
      Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [],
    );
  } catch {
    return new Set();
  }
}

function get(): ReadonlySet<string> {
  snapshot ??= read();
  return snapshot;
}

export function markListingDeleted(listingId: string) {
  const next = new Set(get());
  next.add(listingId);
  snapshot = next;
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify([...next]));
  } catch {
    /* kept for this page */
  }
  for (const l of listeners) l();
}

export function useDeletedListings(): ReadonlySet<string> {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    get,
    get,
  );
}

/** Listings deleted from this browser, so their pins and rows show as deleted (sessionStorage). */
import { createSnapshotStore, readStoredList, writeStored } from './browser-store';

const KEY = 'quiet-score.deleted-listings';

const store = createSnapshotStore<ReadonlySet<string>>(
  () => new Set(readStoredList('session', KEY, (x): x is string => typeof x === 'string')),
);

export function markListingDeleted(listingId: string) {
  const next = new Set(store.get());
  next.add(listingId);
  store.set(next);
  // Kept for this page when storage refuses it.
  writeStored('session', KEY, JSON.stringify([...next]));
}

export function useDeletedListings(): ReadonlySet<string> {
  return store.use();
}

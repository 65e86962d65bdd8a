/**
 * Listings known to be gone, so their pins and rows show as deleted and their details are never
 * fetched again unasked (a lookup at a deleted listing's coordinates creates a new listing, a
 * slot and a call). Kept in this browser (localStorage), across tabs and reloads:
 * - deleted from this browser;
 * - replaced: deleted elsewhere, found out when a details lookup came back with another listing,
 *   created in its place (old ID → new ID).
 */
import { createSnapshotStore, readStored, readStoredList, writeStored } from './browser-store';

const DELETED_KEY = 'quiet-score.deleted-listings';
const REPLACED_KEY = 'quiet-score.replaced-listings';

const isString = (x: unknown): x is string => typeof x === 'string';

const deleted = createSnapshotStore<ReadonlySet<string>>(
  () => new Set(readStoredList('local', DELETED_KEY, isString)),
);

const replaced = createSnapshotStore<ReadonlyMap<string, string>>(() => {
  try {
    const parsed: unknown = JSON.parse(readStored('local', REPLACED_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return new Map();
    return new Map(Object.entries(parsed).filter((e): e is [string, string] => isString(e[1])));
  } catch {
    return new Map();
  }
});

export function markListingDeleted(listingId: string) {
  const next = new Set(deleted.get());
  next.add(listingId);
  deleted.set(next);
  // Kept for this page when storage refuses it.
  writeStored('local', DELETED_KEY, JSON.stringify([...next]));
}

/** `listingId` is gone; looking it up created `newListingId` in its place. */
export function markListingReplaced(listingId: string, newListingId: string) {
  const next = new Map(replaced.get());
  next.set(listingId, newListingId);
  replaced.set(next);
  writeStored('local', REPLACED_KEY, JSON.stringify(Object.fromEntries(next)));
  markListingDeleted(listingId);
}

export function useDeletedListings(): ReadonlySet<string> {
  return deleted.use();
}

export function useReplacedListings(): ReadonlyMap<string, string> {
  return replaced.use();
}

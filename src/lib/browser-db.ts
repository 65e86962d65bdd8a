/**
 * What this browser keeps of sessions in IndexedDB (through `idb`): the input rows a session
 * was created from, the last status seen of each session, listings' full analyses, runs (with
 * the input still to submit), and the map's last few cluster indexes. Every entry is filed
 * under the API key's fingerprint (never the key itself), so one key never reads another's.
 * Storage the browser refuses (private modes, full disks) makes these calls resolve empty,
 * never throw.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { CONTRACT_ID } from '@/contract/contract-id';
import { sessionStatusResponse, type SessionStatus } from '@/contract/schemas';
import { getEffectiveApiKey } from './api-key';
import type { Run } from './runs';

/** One row of the user's input: where it was, what it said, and every other column. */
export interface InputRow {
  /** Its line in the file (or pasted text), 1-based: the `input_row` of exports. */
  inputRow: number;
  /** Latitude and longitude as the user wrote them. */
  lat: string;
  lng: string;
  /** The other columns' values, in the order of `SessionInput.columns`. */
  values: string[];
}

export interface SessionInput {
  /** The user's own columns (not latitude and longitude), in file order. */
  columns: string[];
  /** Rows by the 6-decimal coordinate the API matches on (`coordinateKey`). */
  rows: Record<string, InputRow>;
  /** Where it came from: a file name, or null for pasted text. */
  source: string | null;
}

export interface StoredStatus {
  /** When this browser received it (ms since the epoch). */
  savedAt: number;
  /** The status as validated when it arrived. */
  status: unknown;
  /** The contract it was validated against (`CONTRACT_ID`); absent in entries kept before. */
  contract?: string;
}

/** A listing's full analysis as the API sent it, for the result analyzed at `analyzedAt`. */
export interface StoredListing {
  analyzedAt: string;
  listing: unknown;
}

interface QuietScoreDb extends DBSchema {
  'session-inputs': { key: string; value: SessionInput };
  'last-status': { key: string; value: StoredStatus };
  listings: { key: string; value: StoredListing };
  runs: { key: string; value: Run };
  'cluster-indexes': {
    key: string;
    value: { at: number; index: unknown };
    indexes: { at: number };
  };
}

let opening: Promise<IDBPDatabase<QuietScoreDb> | null> | null = null;

function db(): Promise<IDBPDatabase<QuietScoreDb> | null> {
  opening ??= (
    typeof indexedDB === 'undefined'
      ? Promise.resolve(null)
      : // The wrapper loads with the first use, not with the page.
        import('idb').then(({ openDB }) =>
          openDB<QuietScoreDb>('quiet-score', 4, {
            upgrade(database, oldVersion) {
              if (oldVersion < 1) {
                database.createObjectStore('session-inputs');
                database.createObjectStore('last-status');
              }
              if (oldVersion < 2) database.createObjectStore('listings');
              if (oldVersion < 3) database.createObjectStore('runs');
              if (oldVersion < 4)
                database.createObjectStore('cluster-indexes').createIndex('at', 'at');
            },
            // A newer version of the app, in another tab, upgrades the store: this connection
            // steps aside rather than hold that tab's upgrade (and its page) up.
            blocking(_current, _blocked, event) {
              (event.target as IDBDatabase).close();
              opening = null;
            },
          }),
        )
  ).catch(() => null);
  return opening;
}

/** FNV-1a of the key, as hex: files entries by key without keeping the key. */
export function keyFingerprint(key: string | null): string {
  let hash = 0x811c9dc5;
  for (const ch of key ?? '') {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const entryKey = (sessionId: string) => `${keyFingerprint(getEffectiveApiKey())}:${sessionId}`;

async function attempt<T>(run: (d: IDBPDatabase<QuietScoreDb>) => Promise<T>): Promise<T | null> {
  try {
    const d = await db();
    return d ? await run(d) : null;
  } catch {
    return null;
  }
}

export const saveSessionInput = (sessionId: string, input: SessionInput) =>
  attempt((d) => d.put('session-inputs', input, entryKey(sessionId)));

export const readSessionInput = async (sessionId: string) =>
  (await attempt((d) => d.get('session-inputs', entryKey(sessionId)))) ?? null;

/** `status` was validated against this app's contract: it is kept with its fingerprint. */
export const saveLastStatus = (sessionId: string, status: SessionStatus, savedAt = Date.now()) =>
  attempt((d) =>
    d.put('last-status', { savedAt, status, contract: CONTRACT_ID }, entryKey(sessionId)),
  );

/**
 * A kept status, as kept when the contract that validated it is this app's; else validated
 * again (an entry kept by another version of the app): null when it fails.
 */
export function keptStatus(stored: StoredStatus): SessionStatus | null {
  if (stored.contract === CONTRACT_ID) return stored.status as SessionStatus;
  const parsed = sessionStatusResponse.safeParse(stored.status);
  return parsed.success ? parsed.data : null;
}

export const readLastStatus = async (sessionId: string) =>
  (await attempt((d) => d.get('last-status', entryKey(sessionId)))) ?? null;

/** The last status kept of each session (undefined where none), read in one transaction. */
export const readLastStatuses = async (sessionIds: readonly string[]) =>
  (await attempt(async (d) => {
    const tx = d.transaction('last-status');
    const found = await Promise.all(sessionIds.map((id) => tx.store.get(entryKey(id))));
    await tx.done;
    return found;
  })) ?? sessionIds.map(() => undefined);

/** For tests: forget the open connection (a test may delete the database). */
export function closeBrowserDb() {
  void opening?.then((d) => d?.close());
  opening = null;
}

/**
 * Full analyses kept by listing ID (under the key's fingerprint), for results analyzed when.
 * The keys are read first (one request): only listings kept are read, none when none are.
 */
export const readStoredListings = async (listingIds: readonly string[]) =>
  (await attempt(async (d) => {
    const tx = d.transaction('listings');
    const prefix = `${keyFingerprint(getEffectiveApiKey())}:`;
    const kept = new Set(await tx.store.getAllKeys(IDBKeyRange.bound(prefix, `${prefix}\uffff`)));
    const found = await Promise.all(
      listingIds.map((id) =>
        kept.has(prefix + id) ? tx.store.get(prefix + id) : Promise.resolve(undefined),
      ),
    );
    await tx.done;
    return found;
  })) ?? listingIds.map(() => undefined);

export const saveStoredListings = (entries: { listingId: string; value: StoredListing }[]) =>
  attempt(async (d) => {
    const tx = d.transaction('listings', 'readwrite');
    await Promise.all(entries.map((e) => tx.store.put(e.value, entryKey(e.listingId))));
    await tx.done;
  });

export const saveRun = (run: Run) => attempt((d) => d.put('runs', run, entryKey(run.id)));

export const readRun = async (runId: string) =>
  (await attempt((d) => d.get('runs', entryKey(runId)))) ?? null;

export const deleteRun = (runId: string) => attempt((d) => d.delete('runs', entryKey(runId)));

/** How many cluster indexes are kept, the most recently built (10,000 pins: ≈ 3 MB each). */
export const KEPT_CLUSTER_INDEXES = 4;

const readKeptIndex = async (key: string) =>
  (await attempt((d) => d.get('cluster-indexes', key)))?.index ?? null;

/** One kept index read ahead of its use (`readClusterIndexAhead`), for the next read of its name. */
let ahead: { key: string; read: Promise<unknown> } | null = null;

/**
 * The cluster index the map kept under `name` (the results it shows: see `pin-clusters.ts`), or
 * null. Read ahead already, it is that read's.
 */
export function readClusterIndex(name: string): Promise<unknown> {
  const key = entryKey(name);
  const early = ahead?.key === key ? ahead.read : null;
  ahead = null;
  return early ?? readKeptIndex(key);
}

/**
 * Starts reading the index kept under `name` while the page has other work (a run's route, as
 * its page renders): the map, when it asks, finds it read. One is held, until the next read.
 */
export function readClusterIndexAhead(name: string) {
  const key = entryKey(name);
  ahead = { key, read: readKeptIndex(key) };
}

/** Keeps `index` under `name`; past `KEPT_CLUSTER_INDEXES`, the oldest are deleted in the same step. */
export const saveClusterIndex = (name: string, index: unknown, at = Date.now()) =>
  attempt(async (d) => {
    const tx = d.transaction('cluster-indexes', 'readwrite');
    await tx.store.put({ at, index }, entryKey(name));
    let extra = (await tx.store.count()) - KEPT_CLUSTER_INDEXES;
    // Oldest first, by key only (the entries themselves are megabytes).
    for (let c = await tx.store.index('at').openKeyCursor(); c && extra > 0; extra--) {
      await tx.store.delete(c.primaryKey);
      c = await c.continue();
    }
    await tx.done;
  });

/**
 * `change` applied to the stored run in one transaction (read, change, write): two tabs, or a
 * queue and an "add session", never write over each other's step. Null when there is no run.
 */
export const updateRun = (runId: string, change: (run: Run) => Run) =>
  attempt(async (d) => {
    const tx = d.transaction('runs', 'readwrite');
    const run = await tx.store.get(entryKey(runId));
    const next = run ? change(run) : null;
    if (next) await tx.store.put(next, entryKey(runId));
    await tx.done;
    return next;
  });

/** All SQL of the emulator. Services call these; handlers never do. */
import type { KnownSessionStatus, Plan } from '../../src/contract/schemas';
import type { Db } from './db';

export interface AccountRow {
  id: number;
  name: string;
  plan: Plan;
  key_hash: string;
  api_calls: number;
  period_start: number;
  deletions_used: number;
}

export interface ListingRow {
  id: string;
  account_id: number;
  coord_key: string;
  lat: number;
  lng: number;
  /** JSON of the model's ListingAnalysis. */
  analysis: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

/** The statuses the emulator writes: the contract's, no others (SQL below spells them too). */
export type SessionStatusValue = KnownSessionStatus;

export interface SessionRow {
  id: string;
  account_id: number;
  status: SessionStatusValue;
  total: number;
  processed: number;
  successful: number;
  failed: number;
  submitted_at: number;
  started_at: number | null;
  completed_at: number | null;
  version: number;
  last_step: number;
}

export interface LocationRow {
  session_id: string;
  idx: number;
  lat: number;
  lng: number;
  status: 'success' | 'failed' | null;
  quiet_score: number | null;
  listing_id: string | null;
  error: string | null;
  analyzed_at: number | null;
}

export type Store = ReturnType<typeof createStore>;

export function createStore(db: Db) {
  const q = {
    accountByKey: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE key_hash = ?'),
    accountById: db.prepare<[number], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
    insertAccount: db.prepare<[string, Plan, string, number]>(
      'INSERT INTO accounts (name, plan, key_hash, period_start) VALUES (?, ?, ?, ?)',
    ),
    countAccounts: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM accounts'),
    resetPeriod: db.prepare<[number, number]>(
      'UPDATE accounts SET api_calls = 0, period_start = ? WHERE id = ?',
    ),
    chargeCall: db.prepare<[number]>('UPDATE accounts SET api_calls = api_calls + 1 WHERE id = ?'),
    /** One autocommit statement: counts the call if the period is current and calls are left. */
    tryChargeCall: db.prepare<[number, number, number, number], { api_calls: number }>(
      'UPDATE accounts SET api_calls = api_calls + 1 WHERE id = ? AND period_start = ? AND (? = -1 OR api_calls < ?) RETURNING api_calls',
    ),
    addDeletions: db.prepare<[number, number]>(
      'UPDATE accounts SET deletions_used = deletions_used + ? WHERE id = ?',
    ),

    activeListingCount: db.prepare<[number], { n: number }>(
      'SELECT COUNT(*) AS n FROM listings WHERE account_id = ? AND deleted_at IS NULL',
    ),
    createdSince: db.prepare<[number, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM listings WHERE account_id = ? AND created_at >= ?',
    ),
    listingByCoord: db.prepare<[number, string], ListingRow>(
      'SELECT * FROM listings WHERE account_id = ? AND coord_key = ? AND deleted_at IS NULL',
    ),
    listingById: db.prepare<[number, string], ListingRow>(
      'SELECT * FROM listings WHERE account_id = ? AND id = ? AND deleted_at IS NULL',
    ),
    insertListing: db.prepare<[string, number, string, number, number, string, number, number]>(
      'INSERT INTO listings (id, account_id, coord_key, lat, lng, analysis, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    refreshListing: db.prepare<[string, number, string]>(
      'UPDATE listings SET analysis = ?, updated_at = ? WHERE id = ?',
    ),
    deleteListing: db.prepare<[number, string]>(
      'UPDATE listings SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL',
    ),

    insertSession: db.prepare<[string, number, number, number]>(
      "INSERT INTO sessions (id, account_id, status, total, submitted_at) VALUES (?, ?, 'QUEUED', ?, ?)",
    ),
    insertLocation: db.prepare<[string, number, number, number]>(
      'INSERT INTO session_locations (session_id, idx, lat, lng) VALUES (?, ?, ?, ?)',
    ),
    sessionForAccount: db.prepare<[string, number], SessionRow>(
      'SELECT * FROM sessions WHERE id = ? AND account_id = ?',
    ),
    /** Least recently advanced first, so sessions of every account take turns. */
    activeSessions: db.prepare<[number], SessionRow>(
      "SELECT * FROM sessions WHERE status IN ('QUEUED', 'PROCESSING') ORDER BY last_step, submitted_at LIMIT ?",
    ),
    pendingLocations: db.prepare<[string, number], LocationRow>(
      'SELECT * FROM session_locations WHERE session_id = ? AND status IS NULL ORDER BY idx LIMIT ?',
    ),
    results: db.prepare<[string], LocationRow>(
      'SELECT * FROM session_locations WHERE session_id = ? AND status IS NOT NULL ORDER BY idx',
    ),
    recordLocation: db.prepare<
      [string, number | null, string | null, string | null, number, string, number]
    >(
      'UPDATE session_locations SET status = ?, quiet_score = ?, listing_id = ?, error = ?, analyzed_at = ? WHERE session_id = ? AND idx = ? AND status IS NULL',
    ),
    advanceSession: db.prepare<[number, number, number, number, number, string]>(
      `UPDATE sessions SET processed = processed + 1, successful = successful + ?, failed = failed + ?,
         status = CASE WHEN processed + 1 >= total THEN 'COMPLETED' ELSE 'PROCESSING' END,
         started_at = COALESCE(started_at, ?),
         completed_at = CASE WHEN processed + 1 >= total THEN ? ELSE NULL END,
         version = version + 1, last_step = ?
       WHERE id = ?`,
    ),
    failSession: db.prepare<[number, number, string]>(
      "UPDATE sessions SET status = 'FAILED', completed_at = ?, started_at = COALESCE(started_at, ?), version = version + 1 WHERE id = ?",
    ),
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ),
  };

  // One transaction wrapper for every call: building one per call (better-sqlite3 prepares its
  // BEGIN/COMMIT/SAVEPOINT statements for each) was a tenth of a metered request's cost.
  const inTransaction = db.transaction((fn: () => unknown) => fn());

  return {
    /** Runs `fn` in one IMMEDIATE transaction (a savepoint when nested): all of it, or none. */
    transaction<T>(fn: () => T): T {
      return inTransaction.immediate(fn) as T;
    },
    accountByKeyHash: (hash: string) => q.accountByKey.get(hash),
    accountById: (id: number) => q.accountById.get(id),
    insertAccount: (name: string, plan: Plan, keyHash: string, periodStart: number) =>
      Number(q.insertAccount.run(name, plan, keyHash, periodStart).lastInsertRowid),
    countAccounts: () => q.countAccounts.get()?.n ?? 0,
    resetPeriod: (accountId: number, start: number) => q.resetPeriod.run(start, accountId),
    chargeCall: (accountId: number) => q.chargeCall.run(accountId),
    tryChargeCall: (accountId: number, periodStart: number, max: number) =>
      q.tryChargeCall.get(accountId, periodStart, max, max),
    addDeletions: (accountId: number, n: number) => q.addDeletions.run(n, accountId),

    activeListingCount: (accountId: number) => q.activeListingCount.get(accountId)?.n ?? 0,
    listingsCreatedSince: (accountId: number, since: number) =>
      q.createdSince.get(accountId, since)?.n ?? 0,
    listingByCoord: (accountId: number, coordKey: string) =>
      q.listingByCoord.get(accountId, coordKey),
    listingById: (accountId: number, id: string) => q.listingById.get(accountId, id),
    insertListing: (r: Omit<ListingRow, 'deleted_at'>) =>
      q.insertListing.run(
        r.id,
        r.account_id,
        r.coord_key,
        r.lat,
        r.lng,
        r.analysis,
        r.created_at,
        r.updated_at,
      ),
    refreshListing: (id: string, analysis: string, now: number) =>
      q.refreshListing.run(analysis, now, id),
    deleteListing: (id: string, now: number) => q.deleteListing.run(now, id).changes,

    insertSession(
      id: string,
      accountId: number,
      locations: readonly { lat: number; lng: number }[],
      now: number,
    ) {
      q.insertSession.run(id, accountId, locations.length, now);
      locations.forEach((l, i) => q.insertLocation.run(id, i, l.lat, l.lng));
    },
    sessionForAccount: (id: string, accountId: number) => q.sessionForAccount.get(id, accountId),
    activeSessions: (limit: number) => q.activeSessions.all(limit),
    pendingLocations: (sessionId: string, limit: number) =>
      q.pendingLocations.all(sessionId, limit),
    results: (sessionId: string) => q.results.all(sessionId),
    /** Records one location's outcome and advances the session's counters; false if it was already recorded. */
    recordLocation(
      loc: Pick<LocationRow, 'session_id' | 'idx'>,
      outcome: {
        status: 'success' | 'failed';
        quietScore: number | null;
        listingId: string | null;
        error: string | null;
      },
      now: number,
      step: number,
    ): boolean {
      const changed = q.recordLocation.run(
        outcome.status,
        outcome.quietScore,
        outcome.listingId,
        outcome.error,
        now,
        loc.session_id,
        loc.idx,
      ).changes;
      if (changed === 0) return false;
      const ok = outcome.status === 'success' ? 1 : 0;
      q.advanceSession.run(ok, 1 - ok, now, now, step, loc.session_id);
      return true;
    },
    failSession: (id: string, now: number) => q.failSession.run(now, now, id),
    getMeta: (key: string) => q.getMeta.get(key)?.value ?? null,
    setMeta: (key: string, value: string) => q.setMeta.run(key, value),
  };
}

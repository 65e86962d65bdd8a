/**
 * The emulator's business rules: plans and metering, listings (check → freshness → calculate
 * → update), deletions, sessions. Every state change runs in one transaction of the store.
 */
import crypto from 'node:crypto';
import { LOCATION_ERRORS, type Coordinate, type Listing } from '../../src/contract/schemas';
import { formatApiTimestamp } from '../../src/contract/timestamps';
import { HttpError } from '../errors';
import type { ListingAnalysis, ScoringModel } from '../scoring/model';
import { coordinateKey, round6 } from '../../src/contract/coordinates';
import { dayStart, nextPeriodStart, periodStart, PLANS, refreshMs } from './plans';
import type { AccountRow, ListingRow, Store } from './store';

/** The 401 for a call without a key. */
export const missingKey = () =>
  new HttpError(401, 'unauthorized', 'Missing API key: send it in the Authorization header.');

/** The documented per-location error for an outcome that is not a listing. */
export const locationError = (outcome: { kind: 'limit' | 'unscorable' }) =>
  outcome.kind === 'limit' ? LOCATION_ERRORS.listingLimit : LOCATION_ERRORS.unscorable;

export interface ServiceDeps {
  store: Store;
  model: ScoringModel;
  /** Milliseconds since the epoch; injected so tests can move time. */
  now: () => number;
}

export function hashKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

export function newSessionId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(24);
  return `sess_${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
}

/** `Authorization: <key>` as documented; `Bearer <key>` accepted too (our contract). */
export function keyFromHeader(header: string | undefined): string | null {
  if (!header) return null;
  const value = header.trim().replace(/^Bearer\s+/i, '');
  return value === '' ? null : value;
}

/** Who is calling: all a request needs to know of its account. */
export type AccountRef = Pick<AccountRow, 'id' | 'plan'>;

export type ListingOutcome =
  | { kind: 'ok'; row: ListingRow; analysis: ListingAnalysis }
  | { kind: 'unscorable' }
  | { kind: 'limit' };

export function createServices({ store, model, now }: ServiceDeps) {
  /** Known keys → account. Only keys that matched an account are kept, so guessing cannot grow it. */
  const knownKeys = new Map<string, AccountRef>();

  function authenticate(header: string | undefined): AccountRef {
    const key = keyFromHeader(header);
    if (!key) throw missingKey();
    const known = knownKeys.get(key);
    if (known) return known;
    const account = store.accountByKeyHash(hashKey(key));
    if (!account) throw new HttpError(401, 'unauthorized', 'Unknown API key.');
    const ref = { id: account.id, plan: account.plan };
    knownKeys.set(key, ref);
    return ref;
  }

  /** Counts one API call, or refuses it with 429 once the month's calls are used up. */
  function meter(account: AccountRef): void {
    const t = now();
    const max = PLANS[account.plan].monthlyCalls;
    // Fast path, one statement: the period is current and calls are left.
    if (store.tryChargeCall(account.id, periodStart(t), max)) return;
    store.transaction(() => {
      const row = store.accountById(account.id) as AccountRow;
      if (row.period_start < periodStart(t)) {
        store.resetPeriod(row.id, periodStart(t));
        store.chargeCall(row.id);
        return;
      }
      const retryAfter = Math.max(1, Math.ceil((nextPeriodStart(t) - t) / 1000));
      throw new HttpError(
        429,
        'quota_exceeded',
        `This key has used all ${max} API calls of its ${row.plan} plan this month; usage resets on ${new Date(nextPeriodStart(t)).toISOString().slice(0, 10)}.`,
        { 'Retry-After': String(retryAfter) },
      );
    });
  }

  /**
   * Meters calls in groups: every call that arrives in one turn of the event loop is charged in
   * one transaction, in arrival order, and each request goes on only once its charge is
   * committed. Exact (each charge still checks the quota) and durable before any response,
   * with one commit per turn instead of one per call, which was a third of a poll's cost.
   */
  const queued: { account: AccountRef; settle: (error: unknown) => void }[] = [];
  function flushCharges() {
    const batch = queued.splice(0);
    let outcomes: unknown[];
    try {
      outcomes = store.transaction(() =>
        batch.map(({ account }) => {
          try {
            meter(account);
            return null;
          } catch (error) {
            return error;
          }
        }),
      );
    } catch (error) {
      outcomes = batch.map(() => error); // nothing was charged: every call fails alike
    }
    batch.forEach(({ settle }, i) => settle(outcomes[i]));
  }
  function chargeCall(account: AccountRef): Promise<void> {
    return new Promise((resolve, reject) => {
      if (queued.length === 0) setImmediate(flushCharges);
      queued.push({ account, settle: (error) => (error ? reject(error) : resolve()) });
    });
  }

  function listingWire(row: ListingRow): Listing {
    const analysis = JSON.parse(row.analysis) as ListingAnalysis;
    return {
      listing_id: row.id,
      ...analysis,
      created_at: formatApiTimestamp(row.created_at),
      updated_at: formatApiTimestamp(row.updated_at),
    };
  }

  /**
   * The documented listing lifecycle at one location: reuse a fresh listing, recompute a stale
   * one, or create one if the plan's cap allows. Call inside a transaction.
   */
  function upsertListing(account: AccountRef, rawLat: number, rawLng: number): ListingOutcome {
    const lat = round6(rawLat);
    const lng = round6(rawLng);
    const coordKey = coordinateKey(lat, lng);
    const t = now();
    const existing = store.listingByCoord(account.id, coordKey);
    if (existing && t - existing.updated_at < refreshMs(account.plan)) {
      return {
        kind: 'ok',
        row: existing,
        analysis: JSON.parse(existing.analysis) as ListingAnalysis,
      };
    }
    const result = model.analyzeLocation(lat, lng);
    if (!result.ok) return { kind: 'unscorable' };
    const analysis = JSON.stringify(result.analysis);
    if (existing) {
      store.refreshListing(existing.id, analysis, t);
      return {
        kind: 'ok',
        row: { ...existing, analysis, updated_at: t },
        analysis: result.analysis,
      };
    }
    const max = PLANS[account.plan].maxListings;
    if (max !== -1 && store.activeListingCount(account.id) >= max) return { kind: 'limit' };
    const row = {
      id: crypto.randomUUID(),
      account_id: account.id,
      coord_key: coordKey,
      lat,
      lng,
      analysis,
      created_at: t,
      updated_at: t,
    };
    store.insertListing(row);
    return { kind: 'ok', row: { ...row, deleted_at: null }, analysis: result.analysis };
  }

  function quietnessSingle(account: AccountRef, { lat, lng }: Coordinate) {
    const outcome = store.transaction(() => upsertListing(account, lat, lng));
    if (outcome.kind === 'unscorable')
      throw new HttpError(422, 'unscorable', LOCATION_ERRORS.unscorable);
    if (outcome.kind === 'limit')
      throw new HttpError(403, 'listing_limit_reached', LOCATION_ERRORS.listingLimit);
    return { status: 'OK', request: { lat, lng }, response: listingWire(outcome.row) };
  }

  function quietnessBatch(account: AccountRef, listings: Coordinate[]) {
    const results = store.transaction(() =>
      listings.map((loc, i) => {
        const outcome = upsertListing(account, loc.lat, loc.lng);
        const request = { lat: loc.lat, lng: loc.lng };
        if (outcome.kind === 'ok')
          return { id: outcome.row.id, status: 'OK', request, response: listingWire(outcome.row) };
        const limit = outcome.kind === 'limit';
        return {
          id: `${limit ? 'limit_reached' : 'error'}_${i + 1}`,
          status: 'ERROR',
          request,
          message: locationError(outcome),
        };
      }),
    );
    const successful = results.filter((r) => r.status === 'OK').length;
    return {
      status: 'OK',
      summary: { total: results.length, successful, failed: results.length - successful },
      results,
    };
  }

  function deletionCounters(accountId: number) {
    const account = store.accountById(accountId) as AccountRow;
    return {
      new_listing_count: store.activeListingCount(accountId),
      deletions_used: account.deletions_used,
      deletions_max: PLANS[account.plan].maxDeletions,
    };
  }

  /** Deletes the given listings all-or-nothing against the permanent deletion cap. */
  function deleteListings(account: AccountRef, rows: ListingRow[]) {
    const fresh = store.accountById(account.id) as AccountRow;
    const max = PLANS[fresh.plan].maxDeletions;
    if (max !== -1 && fresh.deletions_used + rows.length > max) {
      const left = Math.max(0, max - fresh.deletions_used);
      throw new HttpError(
        409,
        'deletion_limit_reached',
        `The ${fresh.plan} plan allows ${max} deletions in all and ${left} are left; this request needs ${rows.length}. Nothing was deleted. Upgrade to Enterprise for unlimited deletions.`,
      );
    }
    const t = now();
    let deleted = 0;
    for (const row of rows) deleted += store.deleteListing(row.id, t);
    store.addDeletions(account.id, deleted);
    return deleted;
  }

  /** One listing, found by `find` inside the transaction, or a 404 saying `notFound`. */
  function deleteOne(account: AccountRef, find: () => ListingRow | undefined, notFound: string) {
    return store.transaction(() => {
      const row = find();
      if (!row) throw new HttpError(404, 'not_found', notFound);
      deleteListings(account, [row]);
      return {
        success: true,
        message: 'Listing deleted successfully',
        ...deletionCounters(account.id),
      };
    });
  }

  function deleteById(account: AccountRef, listingId: string) {
    return deleteOne(
      account,
      () => store.listingById(account.id, listingId),
      'No listing with this ID for this key.',
    );
  }

  function deleteByCoordinates(account: AccountRef, { lat, lng }: Coordinate) {
    const key = coordinateKey(lat, lng);
    return deleteOne(
      account,
      () => store.listingByCoord(account.id, key),
      'No listing at these coordinates (matched at 6 decimals) for this key.',
    );
  }

  function deleteBatch(account: AccountRef, listing_ids: string[]) {
    return store.transaction(() => {
      const rows = [...new Set(listing_ids)]
        .map((id) => store.listingById(account.id, id))
        .filter((r): r is ListingRow => !!r);
      const deleted = deleteListings(account, rows);
      return {
        success: true,
        message: `Successfully deleted ${deleted} listing(s)`,
        deleted_count: deleted,
        ...deletionCounters(account.id),
      };
    });
  }

  function listingStats(account: AccountRef) {
    const t = now();
    const fresh = store.accountById(account.id) as AccountRow;
    const limits = PLANS[fresh.plan];
    const total = store.activeListingCount(account.id);
    const remaining = limits.maxListings === -1 ? -1 : Math.max(0, limits.maxListings - total);
    const deletionsRemaining =
      limits.maxDeletions === -1 ? -1 : Math.max(0, limits.maxDeletions - fresh.deletions_used);
    return {
      success: true,
      total_listings: total,
      max_listings: limits.maxListings,
      listings_today: store.listingsCreatedSince(account.id, dayStart(t)),
      listings_this_month: store.listingsCreatedSince(account.id, periodStart(t)),
      is_at_limit: limits.maxListings !== -1 && total >= limits.maxListings,
      remaining,
      deletions_count: fresh.deletions_used,
      deletions_max: limits.maxDeletions,
      deletions_remaining: deletionsRemaining,
      is_at_churn_limit: limits.maxDeletions !== -1 && fresh.deletions_used >= limits.maxDeletions,
    };
  }

  /** The documented usage shape, which echoes the caller's own key back to it. */
  function accountUsage(account: AccountRef, key: string) {
    const fresh = store.accountById(account.id) as AccountRow;
    const limits = PLANS[fresh.plan];
    return {
      status: 'OK',
      request: { api_key: key },
      response: {
        'API Key Current Usage': fresh.api_calls,
        'API Key Max Plan Usage': limits.monthlyCalls,
        'Subscription Plan': fresh.plan,
        'Active Listings Count': store.activeListingCount(account.id),
        'Active Listings Max': limits.maxListings,
      },
    };
  }

  /** Stores a session of validated locations (the route checks the body and its size). */
  function createSession(account: AccountRef, valid: Coordinate[]) {
    const id = newSessionId();
    const t = now();
    store.transaction(() => store.insertSession(id, account.id, valid, t));
    return { session_id: id, total_locations: valid.length, submitted_at: formatApiTimestamp(t) };
  }

  return {
    authenticate,
    chargeCall,
    upsertListing,
    quietnessSingle,
    quietnessBatch,
    deleteById,
    deleteByCoordinates,
    deleteBatch,
    listingStats,
    accountUsage,
    createSession,
  };
}

export type Services = ReturnType<typeof createServices>;

import { queryOptions } from '@tanstack/react-query';
import { ApiError } from './client';
import {
  getAccountUsage,
  getAppConfig,
  getListingStats,
  getQuietness,
  getSessionStatus,
} from './endpoints';
import { readStoredListings, saveStoredListings } from '../lib/browser-db';
import {
  listing,
  type Coordinate,
  type QuietnessResponse,
  type SessionStatus,
} from '../contract/schemas';

export const configKeys = { all: ['app-config'] as const };

/** Server configuration never changes while the page is open. */
export const appConfigOptions = () =>
  queryOptions({
    queryKey: configKeys.all,
    queryFn: ({ signal }) => getAppConfig({ signal }),
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const sessionKeys = {
  all: ['sessions'] as const,
  status: (sessionId: string) => [...sessionKeys.all, 'status', sessionId] as const,
};

/**
 * The ETag each status answer came with, keyed by the answer itself: an entry lives exactly as
 * long as React Query keeps that answer, so nothing outlives the cache or leaks between tests.
 */
const etags = new WeakMap<SessionStatus, string>();

export interface StatusFetch {
  signal?: AbortSignal;
  /** The answer held for this session: the request is conditional on its ETag, and a 304 returns it. */
  previous?: SessionStatus;
  /**
   * How old an answer this poll accepts. A poll every 5 s accepts one up to 5 s old, so a
   * server that shares polls between viewers can answer it without an upstream call; the first
   * load and "Refresh now" pass nothing and get the freshest the server allows.
   */
  maxAgeMs?: number | null;
}

/**
 * One status poll. A 304 hands back the very same object, so React Query sees no change and
 * nothing re-renders; a changed answer validates only its new results.
 */
export async function fetchSessionStatus(
  sessionId: string,
  { signal, previous, maxAgeMs = null }: StatusFetch = {},
): Promise<SessionStatus> {
  const result = await getSessionStatus(sessionId, {
    signal,
    etag: previous ? (etags.get(previous) ?? null) : null,
    previous,
    maxAgeMs: previous ? maxAgeMs : null,
  });
  if (result.notModified) {
    if (previous) return previous;
    // Nothing to fall back on (asking again would only loop): say what happened.
    throw new ApiError({
      kind: 'server',
      status: 304,
      message: 'The server answered “304 Not Modified” for a session we have no data for yet.',
    });
  }
  if (result.etag) etags.set(result.data, result.etag);
  return result.data;
}

export const listingKeys = {
  all: ['listings'] as const,
  details: (listingId: string, { lat, lng }: Coordinate, analyzedAt?: string) =>
    [...listingKeys.all, 'details', listingId, lat, lng, analyzedAt ?? null] as const,
  stats: () => [...listingKeys.all, 'stats'] as const,
};

/**
 * A listing's full analysis. There is no "get listing by ID": GET quietness at its stored
 * coordinates returns the stored listing while fresh, for one API call. With the result's
 * `analyzedAt`, the answer is kept in this browser (IndexedDB, the store the full analysis of a
 * session fills too), so each listing costs that call once, and none once its session's
 * analysis was loaded.
 */
export const listingDetailsOptions = (
  listingId: string,
  coordinate: Coordinate,
  analyzedAt?: string,
) =>
  queryOptions({
    queryKey: listingKeys.details(listingId, coordinate, analyzedAt),
    queryFn: async ({ signal }): Promise<QuietnessResponse> => {
      if (analyzedAt) {
        const [stored] = await readStoredListings([listingId]);
        const kept = stored?.analyzedAt === analyzedAt ? listing.safeParse(stored.listing) : null;
        if (kept?.success) return { status: 'OK', request: coordinate, response: kept.data };
      }
      const data = await getQuietness(coordinate, { signal });
      // Kept only when it answers for this listing (a deleted one comes back as a new listing).
      if (analyzedAt && data.response.listing_id === listingId)
        await saveStoredListings([{ listingId, value: { analyzedAt, listing: data.response } }]);
      return data;
    },
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });

export const listingStatsOptions = () =>
  queryOptions({
    queryKey: listingKeys.stats(),
    queryFn: ({ signal }) => getListingStats({ signal }),
    staleTime: 15_000,
  });

export const accountKeys = { usage: ['account', 'usage'] as const };

export const accountUsageOptions = () =>
  queryOptions({
    queryKey: accountKeys.usage,
    queryFn: ({ signal }) => getAccountUsage({ signal }),
    staleTime: 15_000,
  });

import { queryOptions } from '@tanstack/react-query';
import { setFallbackApiKey } from './api-key';
import { ApiError } from './client';
import {
  getAccountUsage,
  getAppConfig,
  getListingStats,
  getQuietness,
  getSessionStatus,
} from './endpoints';
import {
  quietnessResponse,
  type Coordinate,
  type QuietnessResponse,
  type SessionStatus,
} from '../contract/schemas';

export const configKeys = { all: ['app-config'] as const };

/** Server configuration never changes while the page is open. */
export const appConfigOptions = () =>
  queryOptions({
    queryKey: configKeys.all,
    queryFn: async ({ signal }) => {
      const config = await getAppConfig({ signal });
      // The emulator's demo key is used until the user enters one of their own.
      setFallbackApiKey(config.demoKey);
      return config;
    },
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const sessionKeys = {
  all: ['sessions'] as const,
  status: (sessionId: string) => [...sessionKeys.all, 'status', sessionId] as const,
};

/**
 * The last answer per session and its ETag: a 304 hands back the very same object, so React
 * Query sees no change and nothing re-renders; a changed answer validates only its new results.
 */
const lastStatus = new Map<string, { etag: string | null; data: SessionStatus }>();

/**
 * `maxAgeMs`: how old an answer this poll accepts. A poll every 5 s accepts one up to 5 s old,
 * so a server that shares polls between viewers can answer it without an upstream call; the
 * first load and "Refresh now" pass nothing and get the freshest the server allows.
 */
export async function fetchSessionStatus(
  sessionId: string,
  signal?: AbortSignal,
  maxAgeMs: number | null = null,
): Promise<SessionStatus> {
  const previous = lastStatus.get(sessionId);
  const result = await getSessionStatus(sessionId, {
    signal,
    etag: previous?.etag ?? null,
    previous: previous?.data,
    maxAgeMs: previous ? maxAgeMs : null,
  });
  if (result.notModified) {
    if (previous) return previous.data;
    // Nothing to fall back on (asking again would only loop): say what happened.
    throw new ApiError({
      kind: 'server',
      status: 304,
      message: 'The server answered “304 Not Modified” for a session we have no data for yet.',
    });
  }
  lastStatus.set(sessionId, { etag: result.etag, data: result.data });
  return result.data;
}

export const listingKeys = {
  all: ['listings'] as const,
  details: (listingId: string, { lat, lng }: Coordinate) =>
    [...listingKeys.all, 'details', listingId, lat, lng] as const,
  stats: () => [...listingKeys.all, 'stats'] as const,
};

const DETAILS_STORAGE = 'quiet-score.listing-details.';

/**
 * A listing's full analysis. There is no "get listing by ID": GET quietness at its stored
 * coordinates returns the stored listing while fresh, for one API call. Kept for the browser
 * session (sessionStorage), keyed by listing ID, so each listing costs that call once.
 */
export const listingDetailsOptions = (listingId: string, coordinate: Coordinate) =>
  queryOptions({
    queryKey: listingKeys.details(listingId, coordinate),
    queryFn: async ({ signal }) => {
      const stored = readStoredDetails(listingId);
      if (stored) return stored;
      const data = await getQuietness(coordinate, { signal });
      try {
        window.sessionStorage.setItem(DETAILS_STORAGE + listingId, JSON.stringify(data));
      } catch {
        /* storage full: the in-memory cache still holds it */
      }
      return data;
    },
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });

function readStoredDetails(listingId: string): QuietnessResponse | null {
  try {
    const raw = window.sessionStorage.getItem(DETAILS_STORAGE + listingId);
    if (!raw) return null;
    const parsed = quietnessResponse.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

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

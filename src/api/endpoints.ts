/** Verb-first fetchers, one per endpoint the dashboard uses. */
import { sessionStatusAfter } from './status-validation';
import { apiCall, apiRequest } from './client';
import {
  accountUsageResponse,
  appConfig,
  batchQuietnessEnvelope,
  createSessionResponse,
  deleteListingResponse,
  listingStatsResponse,
  quietnessResponse,
  sessionStatusResponse,
  type Coordinate,
  type SessionStatus,
} from '../contract/schemas';

interface CallOptions {
  signal?: AbortSignal;
}

export function getAppConfig({ signal }: CallOptions = {}) {
  return apiCall('/api/config', appConfig, { signal, auth: false });
}

/** `previous`: the session's last answer, whose unchanged results are not validated again. */
export function getSessionStatus(
  sessionId: string,
  opts: CallOptions & {
    etag?: string | null;
    previous?: SessionStatus;
    maxAgeMs?: number | null;
  } = {},
) {
  const schema = opts.previous ? sessionStatusAfter(opts.previous) : sessionStatusResponse;
  return apiRequest('/v2/session/status', schema, {
    query: { session_id: sessionId },
    signal: opts.signal,
    etag: opts.etag,
    maxAgeMs: opts.maxAgeMs,
  });
}

export function createSession(locations: Coordinate[], { signal }: CallOptions = {}) {
  return apiCall('/v2/session/new', createSessionResponse, {
    method: 'POST',
    body: { locations },
    signal,
  });
}

export function getQuietness({ lat, lng }: Coordinate, { signal }: CallOptions = {}) {
  return apiCall('/v2/listing/quietness', quietnessResponse, { query: { lat, lng }, signal });
}

/** The full listing for each location, in one call (POST quietness, the batch endpoint); items unchecked. */
export function getQuietnessBatch(listings: Coordinate[], { signal }: CallOptions = {}) {
  return apiCall('/v2/listing/quietness', batchQuietnessEnvelope, {
    method: 'POST',
    body: { listings },
    signal,
  });
}

export function deleteListing(listingId: string, { signal }: CallOptions = {}) {
  return apiCall(`/v2/listings/${encodeURIComponent(listingId)}`, deleteListingResponse, {
    method: 'DELETE',
    signal,
  });
}

export function getListingStats({ signal }: CallOptions = {}) {
  return apiCall('/v2/listings/stats', listingStatsResponse, { signal });
}

export function getAccountUsage({ signal }: CallOptions = {}) {
  return apiCall('/v2/account/usage', accountUsageResponse, { signal });
}

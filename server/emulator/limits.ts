import {
  MAX_BATCH_DELETE_IDS,
  MAX_BATCH_LOCATIONS,
  MAX_SESSION_LOCATIONS,
} from '../../src/contract/schemas';
import { HttpError } from '../errors';

/**
 * Size limits, checked before a body's items are validated: a 10,000-location body gets the
 * limit's own answer (413, "split it"), not the first bad item among 10,000.
 */

const listOf = (body: unknown, field: string): unknown[] | null => {
  const value = (body as Record<string, unknown> | null)?.[field];
  return Array.isArray(value) ? value : null;
};

export function checkSessionBody(body: unknown) {
  if (body && typeof body === 'object' && 'geolocations' in body && !('locations' in body)) {
    throw new HttpError(
      400,
      'invalid_request',
      'Body: send the locations as "locations" (the older "geolocations" name is not accepted).',
    );
  }
  const locations = listOf(body, 'locations');
  if (locations?.length === 0)
    throw new HttpError(400, 'invalid_request', 'Body: locations: send at least one location.');
  if (locations && locations.length > MAX_SESSION_LOCATIONS) {
    throw new HttpError(
      413,
      'too_many_locations',
      `A session takes at most ${MAX_SESSION_LOCATIONS} locations; this one has ${locations.length}. Split it into several sessions.`,
    );
  }
}

export function checkBatchBody(body: unknown) {
  const listings = listOf(body, 'listings');
  if (listings && listings.length > MAX_BATCH_LOCATIONS) {
    throw new HttpError(
      413,
      'too_many_locations',
      `A batch takes at most ${MAX_BATCH_LOCATIONS} listings; this one has ${listings.length}. Send it in smaller batches.`,
    );
  }
}

export function checkDeleteBatchBody(body: unknown) {
  const ids = listOf(body, 'listing_ids');
  if (ids && ids.length > MAX_BATCH_DELETE_IDS) {
    throw new HttpError(
      400,
      'invalid_request',
      `listing_ids: at most ${MAX_BATCH_DELETE_IDS} IDs per batch; got ${ids.length}.`,
    );
  }
}

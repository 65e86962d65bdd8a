import type { z } from 'zod';
import type { sessionStatusWire } from '../../src/contract/schemas';
import { formatApiTimestamp } from '../../src/contract/timestamps';
import { encodeSync, type ContentEncoding } from '../compression';
import { HttpError } from '../errors';
import type { LocationRow, SessionRow, Store } from './store';

export type SessionStatusWire = z.infer<typeof sessionStatusWire>;

export interface StatusPayload {
  etag: string;
  /** Serialized once per session version; a Buffer so sending it encodes nothing. */
  body: Buffer;
  /** The body compressed once per version and encoding, on first request. */
  encoded(encoding: ContentEncoding): Buffer;
}

function statusPayload(etag: string, body: Buffer): StatusPayload {
  const cache: Partial<Record<ContentEncoding, Buffer>> = {};
  return {
    etag,
    body,
    encoded(encoding) {
      cache[encoding] ??= encodeSync(body, encoding);
      return cache[encoding];
    },
  };
}

const CACHE_LIMIT = 500;

/**
 * Session status with an ETag per session version. The serialized payload of each session's
 * current version is cached, so an unchanged 500-result session is never re-read or
 * re-serialized for the next poll, whoever polls it.
 */
export function createSessionStatusReader(store: Store) {
  const cache = new Map<string, { version: number; payload: StatusPayload }>();

  return function read(accountId: number, sessionId: string): StatusPayload {
    const session = store.sessionForAccount(sessionId, accountId);
    // Unknown and other accounts' sessions look the same: IDs never leak (our contract).
    if (!session) throw new HttpError(404, 'not_found', 'No session with this ID for this key.');
    const hit = cache.get(session.id);
    if (hit && hit.version === session.version) return hit.payload;
    const payload = statusPayload(
      `"${session.id.slice(-8)}-${session.version}"`,
      Buffer.from(JSON.stringify(toWire(session, store.results(session.id)))),
    );
    cache.delete(session.id);
    cache.set(session.id, { version: session.version, payload });
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    return payload;
  };
}

export function toWire(s: SessionRow, rows: LocationRow[]): SessionStatusWire {
  return {
    status: s.status,
    progress: {
      total: s.total,
      processed: s.processed,
      successful: s.successful,
      failed: s.failed,
    },
    results: rows.map((r) =>
      r.status === 'success'
        ? {
            lat: r.lat,
            lng: r.lng,
            status: 'success' as const,
            quiet_score: r.quiet_score ?? 0,
            listing_id: r.listing_id ?? '',
            analyzed_at: formatApiTimestamp(r.analyzed_at ?? 0),
          }
        : {
            lat: r.lat,
            lng: r.lng,
            status: 'failed' as const,
            error: r.error ?? '',
            analyzed_at: formatApiTimestamp(r.analyzed_at ?? 0),
          },
    ),
    submitted_at: formatApiTimestamp(s.submitted_at),
    started_at: s.started_at === null ? null : formatApiTimestamp(s.started_at),
    completed_at: s.completed_at === null ? null : formatApiTimestamp(s.completed_at),
  };
}

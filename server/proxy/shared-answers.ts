import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { COMPRESS_MIN_BYTES, encodeSync, type ContentEncoding } from '../compression';

/** An upstream answer, whole: decoded, with the server key redacted, ready for any browser. */
export interface WholeAnswer {
  status: number;
  /** Allow-listed upstream headers, without the body's encoding, length or validators. */
  headers: Record<string, string>;
  body: Buffer;
  /** The upstream's own ETag, to revalidate with. */
  upstreamEtag: string | null;
}

/** A shared answer: our ETag, both compressed forms made once, and how long it may be reused. */
export interface SharedAnswer extends WholeAnswer {
  etag: string;
  storedAt: number;
  /** COMPLETED or FAILED: the answer will not change again. */
  final: boolean;
  /** For a 429: when the upstream said it may be asked again. */
  retryAt: number | null;
  encoded: Partial<Record<ContentEncoding, Buffer>>;
  size: number;
}

export type Loaded<F> =
  | { kind: 'answer'; answer: WholeAnswer }
  /** The upstream's 304 for `previous.upstreamEtag`: the answer held is still current. */
  | { kind: 'not-modified' }
  | { kind: 'failure'; failure: F };

export interface Shared<F> {
  answer: SharedAnswer | null;
  failure: F | null;
  /** How it was answered: a fresh cached answer, an upstream request already in flight, or a new one. */
  via: 'cache' | 'in-flight' | 'upstream';
}

/** Upper bound on how long a 429 is held for its Retry-After. */
const MAX_RETRY_HOLD_MS = 60_000;

/** The cache key's half that names the key the upstream sees, never the key itself. */
export function keyHash(key: string): string {
  return crypto.createHash('sha256').update(key).digest('base64url');
}

/**
 * Answers shared by everyone asking the same thing with the same key: one upstream request in
 * flight per cache key, and its answer reused while fresh. The cache key always includes the
 * hash of the key the upstream sees, so no key ever reads an answer another key was given.
 * Memory is an LRU bounded in bytes.
 */
export function createSharedAnswers<F>(options: { maxBytes: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const cache = new LRUCache<string, SharedAnswer>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry, key) => entry.size + key.length,
    // An answer bigger than the whole cache is served but not stored.
    maxEntrySize: options.maxBytes,
  });
  const inFlight = new Map<string, Promise<Shared<F>>>();

  function isFresh(entry: SharedAnswer, maxAgeMs: number): boolean {
    if (entry.retryAt !== null) return now() < entry.retryAt;
    return entry.final || now() - entry.storedAt < maxAgeMs;
  }

  return {
    /**
     * The answer for `cacheKey`: from the cache while younger than `maxAgeMs`, else from the
     * request in flight, else from `load` (handed the stale answer to revalidate).
     */
    async get(
      cacheKey: string,
      maxAgeMs: number,
      load: (previous: SharedAnswer | null) => Promise<Loaded<F>>,
      { canBeFinal = false }: { canBeFinal?: boolean } = {},
    ): Promise<Shared<F>> {
      const cached = cache.get(cacheKey);
      if (cached && isFresh(cached, maxAgeMs))
        return { answer: cached, failure: null, via: 'cache' };
      const pending = inFlight.get(cacheKey);
      if (pending) return { ...(await pending), via: 'in-flight' };
      const request = (async (): Promise<Shared<F>> => {
        const loaded = await load(cached ?? null);
        if (loaded.kind === 'failure')
          return { answer: null, failure: loaded.failure, via: 'upstream' };
        if (loaded.kind === 'not-modified' && cached) {
          const renewed = { ...cached, storedAt: now() };
          cache.set(cacheKey, renewed);
          return { answer: renewed, failure: null, via: 'upstream' };
        }
        if (loaded.kind === 'not-modified') throw new Error('upstream 304 without an answer held');
        const answer = share(loaded.answer, now(), canBeFinal);
        if (answer.status < 300 || answer.retryAt !== null) cache.set(cacheKey, answer);
        else cache.delete(cacheKey);
        return { answer, failure: null, via: 'upstream' };
      })().finally(() => inFlight.delete(cacheKey));
      inFlight.set(cacheKey, request);
      return request;
    },
    stats: () => ({ entries: cache.size, bytes: cache.calculatedSize }),
  };
}

function share(answer: WholeAnswer, storedAt: number, canBeFinal: boolean): SharedAnswer {
  const retryAfter =
    answer.status === 429 ? retryAfterMs(answer.headers['retry-after'], storedAt) : null;
  const encoded: SharedAnswer['encoded'] = {};
  if (answer.body.length >= COMPRESS_MIN_BYTES && answer.status < 300) {
    // Made once per answer, not once per viewer.
    encoded.br = encodeSync(answer.body, 'br');
    encoded.gzip = encodeSync(answer.body, 'gzip');
  }
  return {
    ...answer,
    etag: `"${crypto.createHash('sha256').update(answer.body).digest('base64url').slice(0, 27)}"`,
    storedAt,
    final: canBeFinal && isFinal(answer),
    retryAt: retryAfter === null ? null : storedAt + retryAfter,
    encoded,
    size: answer.body.length + (encoded.br?.length ?? 0) + (encoded.gzip?.length ?? 0) + 512,
  };
}

/** A session status that will not change again. */
function isFinal(answer: WholeAnswer): boolean {
  if (answer.status !== 200) return false;
  try {
    const status = (JSON.parse(answer.body.toString('utf8')) as { status?: unknown }).status;
    return status === 'COMPLETED' || status === 'FAILED';
  } catch {
    return false;
  }
}

function retryAfterMs(header: string | undefined, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_HOLD_MS) : null;
}

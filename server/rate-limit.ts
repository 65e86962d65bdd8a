import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';
import { isApiPath } from './http-path';

/** Addresses tracked at once; past it the least recently seen is forgotten. */
const MAX_TRACKED = 10_000;

/**
 * A fixed-window counter per address that hands each caller its own snapshot of the count.
 * The plugin's LocalStore hands every caller the same counter object, which the plugin reads
 * after an `await`: requests of one burst arriving in one tick all read the burst's final
 * count, so a burst of limit + 1 admitted none of them.
 */
class SnapshotStore implements FastifyRateLimitStore {
  private readonly windows = new Map<string, { count: number; start: number }>();

  incr(
    key: string,
    callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
    timeWindow = 60_000,
  ) {
    const now = Date.now();
    let window = this.windows.get(key);
    this.windows.delete(key);
    if (!window || window.start + timeWindow <= now) window = { count: 0, start: now };
    window.count++;
    this.windows.set(key, window);
    if (this.windows.size > MAX_TRACKED) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
    callback(null, { current: window.count, ttl: window.start + timeWindow - now });
  }

  child() {
    return new SnapshotStore();
  }
}

/**
 * The per-address limit on API calls, as a root hook so that it runs before any scope's own
 * hooks: an emulator call it refuses is never authenticated or charged, unknown keys count like
 * known ones, and 404s under the API count too. It reads the normalised path, so every
 * spelling of a route is limited alike.
 */
export async function registerRateLimit(app: FastifyInstance, perMinute: number) {
  await app.register(rateLimit, { global: false, store: SnapshotStore });
  const limit = app.createRateLimit({ max: perMinute, timeWindow: 60_000 });
  app.addHook('onRequest', async (request) => {
    // Static files are not limited; API calls are.
    if (!isApiPath(request.pathname)) return;
    const verdict = await limit(request);
    if (!verdict.isAllowed && verdict.isExceeded) {
      throw new HttpError(
        429,
        'rate_limited',
        `Too many requests from this address: try again in ${verdict.ttlInSeconds} s.`,
        { 'retry-after': String(verdict.ttlInSeconds) },
      );
    }
  });
}

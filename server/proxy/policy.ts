import { errors as undiciErrors } from 'undici';
import type { ErrorCode } from '../../src/contract/schemas';

/** The proxy's decisions that need no socket: what to forward, how long to share, what went wrong. */

/** An upstream problem, as the contract's error that every browser waiting on it gets. */
export interface Failure {
  status: number;
  code: ErrorCode;
  message: string;
}

export const TIMEOUT: Failure = {
  status: 504,
  code: 'upstream_timeout',
  message: 'The Quiet Score API did not answer in time. Try again.',
};

/** The longest a viewer's `Cache-Control: max-age` may stretch reuse of a status answer. */
const MAX_ACCEPTED_AGE_MS = 60_000;

/**
 * How old a shared status answer this request accepts: its `Cache-Control: max-age` (a viewer
 * polling every 5 s sends 5: an answer up to 5 s old is what its own poll would have shown),
 * never less than the minimum upstream interval, never more than a minute. `no-cache`, or
 * nothing, means the minimum interval.
 */
export function acceptedAge(cacheControl: string | undefined, minIntervalMs: number): number {
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl ?? '')?.[1];
  if (maxAge === undefined || /no-cache/i.test(cacheControl ?? '')) return minIntervalMs;
  return Math.max(minIntervalMs, Math.min(Number(maxAge) * 1000, MAX_ACCEPTED_AGE_MS));
}

const ROUTE_LABELS = [
  '/v2/session/status',
  '/v2/session/new',
  '/v2/listing/quietness',
  '/v2/listings/stats',
  '/v2/listings/delete-batch',
  '/v2/listings/by-coordinates',
  '/v2/account/usage',
];

/** A metrics label for an upstream path: the route, never an ID. */
export function routeLabel(path: string): string {
  const bare = path.split('?')[0] ?? '';
  if (ROUTE_LABELS.includes(bare)) return bare;
  return bare.startsWith('/v2/listings/') ? '/v2/listings/:listing_id' : 'other';
}

/**
 * A request path that stays inside `/v2/` on the upstream: no dot segments, no encoded or
 * doubled slashes, no backslashes, nothing that a URL parser could turn into another host
 * or path. Takes the normalised path (see `normalisePath`).
 */
export function isSafeProxyPath(path: string | null): path is string {
  if (path === null || !path.startsWith('/v2/')) return false;
  // Control characters could split or smuggle a request line.
  // eslint-disable-next-line no-control-regex
  if (/%2F|%5C|%00|\\|\/\/|[\u0000-\u0020\u007f]/.test(path)) return false;
  return !path
    .split('/')
    .some((segment) => segment === '.' || segment === '..' || /^(%2E|\.)+$/.test(segment));
}

/** What went wrong with the upstream's transport, in the contract's terms (never its own words). */
export function classifyTransport(error: unknown, duringBody: boolean): Failure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  ) {
    return TIMEOUT;
  }
  if (
    code.startsWith('Z_') ||
    code.startsWith('ERR_BROTLI') ||
    code === 'ERR__ZLIB_INITIALIZATION_FAILED'
  ) {
    return {
      status: 502,
      code: 'upstream_bad_response',
      message: 'The Quiet Score API’s answer could not be decoded.',
    };
  }
  return duringBody
    ? {
        status: 502,
        code: 'upstream_unreachable',
        message: 'The Quiet Score API’s answer was cut off.',
      }
    : {
        status: 502,
        code: 'upstream_unreachable',
        message: 'The Quiet Score API cannot be reached right now.',
      };
}

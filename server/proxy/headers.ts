import type { IncomingHttpHeaders } from 'node:http';

/**
 * What the proxy lets through, each way. Both are allow-lists: a header the upstream or a
 * browser adds tomorrow is dropped until someone decides it belongs here.
 */

/** Request headers the upstream may see; cookies, forwarding, `Expect` and hop-by-hop headers never go. */
const REQUEST_ALLOWED = new Set([
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'content-length',
  'content-encoding',
  'if-none-match',
  'if-modified-since',
  'x-request-id',
]);

/**
 * Response headers the browser may see: the body's description, cache validators, the API's
 * rate-limit and retry hints, a request ID for support. Never hop-by-hop headers, cookies,
 * authentication challenges or page policies: our security headers always win.
 */
const RESPONSE_ALLOWED = new Set([
  'content-type',
  'content-encoding',
  'content-length',
  'content-language',
  'etag',
  'last-modified',
  'cache-control',
  'expires',
  'age',
  'vary',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'x-request-id',
]);

type HeaderValue = string | string[] | undefined;

function connectionNamed(headers: Record<string, HeaderValue>): Set<string> {
  const value = headers.connection;
  const list = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    list
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** The content encodings the proxy can decode to redact the server key. */
export const DECODABLE_ENCODINGS = 'gzip, deflate, br';

export interface RequestHeaderOptions {
  /** The key the server adds in place of the caller's, or null to forward the caller's own. */
  serverKey: string | null;
}

/** The headers sent upstream for a browser's request. */
export function upstreamRequestHeaders(
  headers: IncomingHttpHeaders,
  { serverKey }: RequestHeaderOptions,
): Record<string, string> {
  const named = connectionNamed(headers);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!REQUEST_ALLOWED.has(name) || named.has(name) || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (serverKey) {
    out.authorization = serverKey;
    // The answer is decoded to take the key out of it, so ask only for what we can decode.
    out['accept-encoding'] = DECODABLE_ENCODINGS;
  } else if (headers['accept-encoding']) {
    // Without a key to redact, compressed bytes pass through to the browser as they come.
    out['accept-encoding'] = String(headers['accept-encoding']);
  }
  out['user-agent'] = 'quiet-score-dashboard-proxy';
  return out;
}

export interface ResponseHeaderOptions {
  serverKey: string | null;
  /** The body is re-encoded by us (decoded to redact): its length and encoding are ours to set. */
  bodyRewritten: boolean;
}

/** The upstream's response headers that reach the browser. */
export function browserResponseHeaders(
  headers: Record<string, HeaderValue>,
  { serverKey, bodyRewritten }: ResponseHeaderOptions,
): Record<string, string> {
  const named = connectionNamed(headers);
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (!RESPONSE_ALLOWED.has(name) || named.has(name)) continue;
    if (value === undefined) continue;
    if (bodyRewritten && (name === 'content-length' || name === 'content-encoding')) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    // A header that echoes the key is dropped whole: a partial redaction could still leak it.
    if (serverKey && text.includes(serverKey)) continue;
    out[name] = text;
  }
  return out;
}

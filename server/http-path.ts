/**
 * One spelling per path. Node hands Fastify the request target as the client wrote it, while
 * the router decodes it before matching: `/v2/session/st%61tus` and the absolute form
 * `http://any.host/v2/session/status` both reach the status route. Everything that decides by
 * path (rate limiting, security headers, the proxy's upstream target) must see what the router
 * sees, so it reads the target through this function.
 */

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * The path of a request target, normalised as RFC 3986 §6.2.2 allows: the absolute form's
 * scheme and authority dropped, the query and fragment cut off, percent-encoded unreserved
 * characters decoded and the remaining percent-encodings upper-cased. Encoded reserved
 * characters (`%2F`, `%3F`, …) stay encoded, since decoding them would change the path's
 * meaning. `null` for a target that is not a path: a malformed percent-encoding, or an
 * authority-form or asterisk-form target.
 */
export function normalisePath(rawTarget: string): string | null {
  let target = rawTarget;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (absolute) target = target.slice(absolute[0].length) || '/';
  if (!target.startsWith('/')) return null;
  const end = target.search(/[?#]/);
  const path = end === -1 ? target : target.slice(0, end);
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const hex = path.slice(i + 1, i + 3);
    if (!/^[0-9a-f]{2}$/i.test(hex)) return null;
    const decoded = String.fromCharCode(parseInt(hex, 16));
    out += UNRESERVED.test(decoded) ? decoded : `%${hex.toUpperCase()}`;
    i += 2;
  }
  return out;
}

/** The query string of a request target, with its `?`, or ''. */
export function queryOf(rawTarget: string): string {
  const start = rawTarget.indexOf('?');
  if (start === -1) return '';
  const hash = rawTarget.indexOf('#', start);
  return hash === -1 ? rawTarget.slice(start) : rawTarget.slice(start, hash);
}

/** The API's paths (the Quiet Score API and our own), limited and served with API headers. */
export function isApiPath(path: string | null): boolean {
  if (path === null) return false;
  return path === '/v2' || path.startsWith('/v2/') || path === '/api' || path.startsWith('/api/');
}

/** HTTP body encodings and validators shared by the emulator and the proxy. */
import zlib from 'node:zlib';

/** Bodies smaller than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;

export type ContentEncoding = 'br' | 'gzip';

/** The codings an `Accept-Encoding` header accepts (those not refused with q=0). */
export function acceptedEncodings(acceptEncoding: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name.trim() && (q === undefined || Number(q) > 0)) accepted.add(name.trim());
  }
  return accepted;
}

/** The encoding to send for an `Accept-Encoding` header: brotli, then gzip, unless refused (q=0). */
export function preferredEncoding(acceptEncoding: string | undefined): ContentEncoding | null {
  const accepted = acceptedEncodings(acceptEncoding);
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

/**
 * One body compressed in one call: for answers already whole in memory, a synchronous call of
 * a fraction of a millisecond costs far less than a compression stream. Brotli at quality 4:
 * on an 80 kB status body it takes half the time of quality 5 (0.5 against 1.0 ms here) and
 * comes out no larger.
 */
export function encodeSync(body: Buffer, encoding: ContentEncoding): Buffer {
  return encoding === 'br'
    ? zlib.brotliCompressSync(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : zlib.gzipSync(body, { level: 6 });
}

/** True when `If-None-Match` names the current ETag (or is `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

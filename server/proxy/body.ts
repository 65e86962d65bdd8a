import { PassThrough, Transform, pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';

/** An upstream answer past the proxy's cap, raw or decoded. */
export class AnswerTooLargeError extends Error {
  constructor() {
    super('The upstream answer is larger than the proxy relays.');
  }
}

/**
 * The codings of a `Content-Encoding` header in the order to undo them (RFC 9110 §8.4 lists
 * them in the order applied), or null when one is not ours to decode.
 */
export function codingsToUndo(contentEncoding: string | string[] | undefined): string[] | null {
  const codings = (
    Array.isArray(contentEncoding) ? contentEncoding.join(',') : (contentEncoding ?? '')
  )
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .map((c) => (c === 'x-gzip' ? 'gzip' : c));
  return codings.every((c) => c === 'gzip' || c === 'br' || c === 'deflate')
    ? codings.reverse()
    : null;
}

/** `deflate` comes zlib-wrapped (as the RFC says) or raw (as some servers send it): the first byte tells (RFC 1950 §2.2: CM = 8). */
const isZlibWrapped = (firstByte: number | undefined) => (firstByte ?? 0) % 16 === 8;

/** Bigger output chunks than zlib's 16 kB default: fewer trips to the thread pool per answer. */
const CHUNK = 128 * 1024;

/** Streaming decoders for `codingsToUndo`'s list. */
export function decodersFor(codings: string[]): Transform[] {
  return codings.map((coding) =>
    coding === 'gzip'
      ? zlib.createGunzip({ chunkSize: CHUNK })
      : coding === 'br'
        ? zlib.createBrotliDecompress({ chunkSize: CHUNK })
        : inflateEitherWay(),
  );
}

/**
 * A whole body decoded in one synchronous call per coding (a fraction of a millisecond for an
 * API answer, against several for a stream), refusing to produce more than `maxBytes`.
 */
export function decodeSync(body: Buffer, codings: string[], maxBytes: number): Buffer {
  let out = body;
  try {
    for (const coding of codings) {
      const options = { maxOutputLength: maxBytes };
      out =
        coding === 'gzip'
          ? zlib.gunzipSync(out, options)
          : coding === 'br'
            ? zlib.brotliDecompressSync(out, options)
            : isZlibWrapped(out[0])
              ? zlib.inflateSync(out, options)
              : zlib.inflateRawSync(out, options);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AnswerTooLargeError();
    }
    throw error;
  }
  if (out.length > maxBytes) throw new AnswerTooLargeError();
  return out;
}

/** Inflates zlib-wrapped or raw deflate, told apart by the first byte. */
function inflateEitherWay(): Transform {
  let inner: zlib.Inflate | zlib.InflateRaw | null = null;
  const outer = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!inner) {
        inner = isZlibWrapped(chunk[0])
          ? zlib.createInflate({ chunkSize: CHUNK })
          : zlib.createInflateRaw({ chunkSize: CHUNK });
        inner.on('data', (d: Buffer) => outer.push(d));
        inner.on('error', (e) => outer.destroy(e));
      }
      inner.write(chunk, done);
    },
    flush(done) {
      if (!inner) return done();
      inner.once('end', () => done());
      inner.end();
    },
  });
  return outer;
}

const REDACTED = '[redacted]';

/** Every occurrence of `secret` in a whole body replaced, as `createRedactor` does for a stream. */
export function redactBuffer(body: Buffer, secret: string, replacement = REDACTED): Buffer {
  const needle = Buffer.from(secret);
  let at = body.indexOf(needle);
  if (at === -1) return body;
  const parts: Buffer[] = [];
  let from = 0;
  const with_ = Buffer.from(replacement);
  for (; at !== -1; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at), with_);
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return Buffer.concat(parts);
}

/**
 * Replaces every occurrence of `secret` in a byte stream with `[redacted]`, also where an
 * occurrence spans two chunks: it holds back at most `secret.length - 1` bytes. Bytes are
 * compared as bytes, so binary bodies pass untouched unless they contain the secret.
 */
export function createRedactor(secret: string, replacement = REDACTED): Transform {
  const needle = Buffer.from(secret);
  const with_ = Buffer.from(replacement);
  let carry = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let from = 0;
      for (let at = buf.indexOf(needle, from); at !== -1; at = buf.indexOf(needle, from)) {
        if (at > from) this.push(buf.subarray(from, at));
        this.push(with_);
        from = at + needle.length;
      }
      const keep = Math.max(from, buf.length - (needle.length - 1));
      if (keep > from) this.push(buf.subarray(from, keep));
      carry = Buffer.from(buf.subarray(keep));
      done();
    },
    flush(done) {
      if (carry.length) this.push(carry);
      done();
    },
  });
}

/** Passes bytes through until more than `maxBytes` have gone by, then fails. */
export function createByteLimit(
  maxBytes: number,
  error: () => Error = () => new AnswerTooLargeError(),
): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) return done(error());
      done(null, chunk);
    },
  });
}

/** The upstream body run through `stages`; errors of any stage surface on the returned stream. */
export function throughStages(source: Readable, stages: Transform[]): Readable {
  if (stages.length === 0) return source;
  const last = stages[stages.length - 1] as Transform;
  pipeline([source, ...stages], (error) => {
    if (error && !last.destroyed) last.destroy(error);
  });
  return last;
}

export type HeldBody =
  { complete: true; body: Buffer } | { complete: false; stream: Readable; held: number };

/**
 * Holds the start of a body before anything is sent: an answer that ends within `maxBytes`
 * and `maxMs` (every real API answer) is relayed whole with its length, and one that fails
 * by then still becomes a clean error. Past either bound the held bytes and the rest stream
 * through, and a later failure can only cut the connection, as with any proxy.
 */
export function holdThenStream(
  source: Readable,
  maxBytes: number,
  maxMs: number,
): Promise<HeldBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => stream(), maxMs);
    const stopHolding = () => {
      clearTimeout(timer);
      source.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= maxBytes) stream();
    };
    const onEnd = () => {
      stopHolding();
      resolve({ complete: true, body: Buffer.concat(chunks) });
    };
    const onError = (error: Error) => {
      stopHolding();
      reject(error);
    };
    function stream() {
      source.pause();
      stopHolding();
      const out = new PassThrough();
      for (const chunk of chunks) out.write(chunk);
      pipeline(source, out, () => {});
      resolve({ complete: false, stream: out, held: size });
    }
    source.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

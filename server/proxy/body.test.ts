import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AnswerTooLargeError,
  codingsToUndo,
  createRedactor,
  decodeSync,
  decodersFor,
  holdThenStream,
  redactBuffer,
  throughStages,
} from './body';

/** A readable that hands `data` over in pieces cut at `cuts`. */
function pieces(data: Buffer, cuts: number[]): Readable {
  const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const c of [...at, data.length]) {
    if (c > from) parts.push(data.subarray(from, c));
    from = Math.max(from, c);
  }
  return Readable.from(parts, { objectMode: false });
}

describe('createRedactor', () => {
  it('replaces every occurrence however the body is cut into chunks (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.array(fc.oneof(fc.string(), fc.constant('KEY')), { maxLength: 20 }),
        fc.array(fc.nat(400), { maxLength: 30 }),
        async (key, parts, cuts) => {
          const text = parts.map((p) => (p === 'KEY' ? key : p)).join('');
          const out = await buffer(
            throughStages(pieces(Buffer.from(text), cuts), [createRedactor(key)]),
          );
          expect(out.toString()).toBe(text.split(key).join('[redacted]'));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves binary bytes that do not hold the key untouched', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) & 0xff));
    const out = await buffer(
      throughStages(pieces(bytes, [1, 100, 2000]), [createRedactor('sk_live_x')]),
    );
    expect(out.equals(bytes)).toBe(true);
  });
});

describe('decoding', () => {
  const text = Buffer.from('{"a":"b"}'.repeat(1000));
  it.each([
    ['gzip', zlib.gzipSync],
    ['br', zlib.brotliCompressSync],
    ['deflate', zlib.deflateSync],
    ['deflate', zlib.deflateRawSync],
  ] as const)('decodes %s as a stream and in one call alike', async (coding, encode) => {
    const codings = codingsToUndo(coding) ?? [];
    const streamed = await buffer(
      throughStages(pieces(encode(text), [3, 50]), decodersFor(codings)),
    );
    expect(streamed.equals(text)).toBe(true);
    expect(decodeSync(encode(text), codings, 1e6).equals(text)).toBe(true);
  });

  it('undoes stacked codings last-applied first, and refuses what it cannot decode', async () => {
    const stacked = zlib.brotliCompressSync(zlib.gzipSync(text));
    const codings = codingsToUndo('gzip, br') ?? [];
    expect(codings).toEqual(['br', 'gzip']);
    expect(
      (await buffer(throughStages(Readable.from([stacked]), decodersFor(codings)))).equals(text),
    ).toBe(true);
    expect(codingsToUndo('zstd')).toBeNull();
    expect(codingsToUndo('gzip, compress')).toBeNull();
    expect(codingsToUndo('identity')).toEqual([]);
  });

  it('refuses to decode past the cap (a compression bomb)', () => {
    const bomb = zlib.gzipSync(Buffer.alloc(10 * 1024 * 1024));
    expect(() => decodeSync(bomb, ['gzip'], 1024 * 1024)).toThrow(AnswerTooLargeError);
  });
});

describe('redactBuffer', () => {
  it('agrees with the streaming redactor', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 6 }),
        fc.string(),
        async (key, text) => {
          const whole = redactBuffer(Buffer.from(text), key).toString();
          const streamed = await buffer(
            throughStages(pieces(Buffer.from(text), [1, 5]), [createRedactor(key)]),
          );
          expect(whole).toBe(streamed.toString());
        },
      ),
    );
  });
});

describe('holdThenStream', () => {
  it('hands a short body back whole, and a long one as a stream with every byte', async () => {
    const short = await holdThenStream(Readable.from([Buffer.from('abc')]), 10, 1000);
    expect(short).toEqual({ complete: true, body: Buffer.from('abc') });
    const data = Buffer.alloc(100, 'z');
    const long = await holdThenStream(pieces(data, [10, 20, 30, 40]), 25, 1000);
    expect(long.complete).toBe(false);
    if (!long.complete) expect((await buffer(long.stream)).equals(data)).toBe(true);
  });

  it('rejects when the body fails while it is held', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('cut'));
      },
    });
    await expect(holdThenStream(failing, 10, 1000)).rejects.toThrow('cut');
  });
});

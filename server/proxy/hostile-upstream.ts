import crypto from 'node:crypto';
import net from 'node:net';
import zlib from 'node:zlib';

/**
 * A stand-in for the real API that misbehaves the way real HTTP servers do, written on a raw
 * socket so that nothing between it and the proxy tidies its answers up: compressed and
 * binary bodies cut into small chunks, trailers in every framing, hop-by-hop headers and
 * cookies, credentials echoed in headers and bodies, an HTML error page with its own page
 * policy, bodies of hundreds of MB, drips and stalls. The path picks the behaviour.
 */

export interface SeenRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** The JSON an echoing route answers: the key it was sent, more than once, and padding. */
export function echoJson(authorization: string): Buffer {
  const items = Array.from({ length: 200 }, (_, i) => ({ i, note: `item ${i} of the answer` }));
  return Buffer.from(
    JSON.stringify({ request: { api_key: authorization }, items, again: `key=${authorization};` }),
  );
}

/** A JSON answer of about 3 MB that gzip cannot shrink below the proxy's 1 MB hold, echoing the key throughout. */
export function bigEchoJson(authorization: string): Buffer {
  const rows: string[] = [];
  let seed = crypto.createHash('sha256').update('big').digest();
  for (let i = 0; i < 20_000; i++) {
    seed = crypto.createHash('sha256').update(seed).digest();
    rows.push(
      `{"i":${i},"noise":"${seed.toString('hex')}${seed.toString('base64')}"${i % 997 === 0 ? `,"key":"${authorization}"` : ''}}`,
    );
  }
  return Buffer.from(`[${rows.join(',')}]`);
}

/** Deterministic bytes that are not text: every byte value, in an order no codec would pick. */
export const BINARY = crypto.createHash('sha512').update('binary').digest().subarray(0, 64);
export function binaryBody(): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < 4096; i++) parts.push(Buffer.from([i & 0xff, (i * 7) & 0xff]), BINARY);
  return Buffer.concat(parts);
}

const HEAD_END = Buffer.from('\r\n\r\n');

export async function startHostileUpstream() {
  const seen: SeenRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    let busy = false;
    const next = () => {
      if (busy) return;
      const end = buffer.indexOf(HEAD_END);
      if (end === -1) return;
      const head = buffer.subarray(0, end).toString('latin1').split('\r\n');
      const [method = '', target = ''] = (head[0] ?? '').split(' ');
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (headers['transfer-encoding']) {
        // Chunked request bodies: read to the terminating chunk.
        const rest = buffer.subarray(end + 4);
        const done = rest.indexOf(Buffer.from('0\r\n\r\n'));
        if (done === -1) return;
        const body = dechunk(rest.subarray(0, done + 5));
        buffer = buffer.subarray(end + 4 + done + 5);
        return handle({ method, target, headers, body });
      }
      if (buffer.length < end + 4 + length) return;
      const body = buffer.subarray(end + 4, end + 4 + length);
      buffer = buffer.subarray(end + 4 + length);
      handle({ method, target, headers, body: Buffer.from(body) });
    };
    const handle = (request: SeenRequest) => {
      seen.push(request);
      busy = true;
      void respond(socket, request).then(
        () => {
          busy = false;
          next();
        },
        () => socket.destroy(),
      );
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function dechunk(data: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    const size = parseInt(data.subarray(at, lineEnd).toString(), 16);
    if (!size) return Buffer.concat(out);
    out.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function write(socket: net.Socket, data: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return reject(new Error('closed'));
    if (socket.write(data)) return resolve();
    const onClose = () => reject(new Error('closed'));
    socket.once('close', onClose);
    socket.once('drain', () => {
      socket.off('close', onClose);
      resolve();
    });
  });
}

/** Writes `body` in chunks of `size` bytes, chunked-encoded or raw. */
async function writeInPieces(socket: net.Socket, body: Buffer, size: number, chunked: boolean) {
  for (let at = 0; at < body.length; at += size) {
    const piece = body.subarray(at, at + size);
    await write(
      socket,
      chunked
        ? Buffer.concat([
            Buffer.from(`${piece.length.toString(16)}\r\n`),
            piece,
            Buffer.from('\r\n'),
          ])
        : piece,
    );
  }
}

function head(status: string, headers: Record<string, string | number>): string {
  return `HTTP/1.1 ${status}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n`;
}

const ENCODERS: Record<string, (b: Buffer) => Buffer> = {
  gzip: (b) => zlib.gzipSync(b),
  br: (b) => zlib.brotliCompressSync(b),
  deflate: (b) => zlib.deflateSync(b),
  'deflate-raw': (b) => zlib.deflateRawSync(b),
  identity: (b) => b,
};

async function respond(socket: net.Socket, req: SeenRequest): Promise<void> {
  const url = new URL(req.target, 'http://upstream');
  const auth = req.headers.authorization ?? '';
  const route = url.pathname.replace(/^\/v2\//, '');
  const json = { 'Content-Type': 'application/json' };

  if (route.startsWith('json/')) {
    // An echo of the key, compressed as asked, in 7-byte pieces: the key spans pieces.
    const coding = route.slice('json/'.length);
    const encoded = (ENCODERS[coding] ?? ENCODERS.identity!)(echoJson(auth));
    const label = coding === 'deflate-raw' ? 'deflate' : coding;
    await write(
      socket,
      head('200 OK', {
        ...json,
        'Content-Encoding': label,
        'Transfer-Encoding': 'chunked',
        Vary: 'Accept-Encoding',
      }),
    );
    await writeInPieces(socket, encoded, 7, true);
    return write(socket, '0\r\n\r\n');
  }
  if (route === 'clean-gzip') {
    // An answer that holds no key: what every status poll looks like.
    const encoded = zlib.gzipSync(echoJson('no key in here'));
    await write(
      socket,
      head('200 OK', { ...json, 'Content-Encoding': 'gzip', 'Content-Length': encoded.length }),
    );
    return write(socket, encoded);
  }
  if (route === 'big-echo') {
    const encoded = zlib.gzipSync(bigEchoJson(auth));
    await write(
      socket,
      head('200 OK', { ...json, 'Content-Encoding': 'gzip', 'Transfer-Encoding': 'chunked' }),
    );
    await writeInPieces(socket, encoded, 4093, true);
    return write(socket, '0\r\n\r\n');
  }
  if (route === 'binary') {
    const body = binaryBody();
    await write(
      socket,
      head('200 OK', { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length }),
    );
    return writeInPieces(socket, body, 1000, false);
  }
  if (route === 'trailers/chunked') {
    const body = echoJson('x');
    await write(
      socket,
      head('200 OK', { ...json, 'Transfer-Encoding': 'chunked', Trailer: 'X-Checksum, Expires' }),
    );
    await writeInPieces(socket, body, 512, true);
    return write(socket, '0\r\nX-Checksum: abc\r\nExpires: 0\r\n\r\n');
  }
  if (route === 'trailers/length') {
    const body = echoJson('x');
    await write(
      socket,
      head('200 OK', { ...json, 'Content-Length': body.length, Trailer: 'X-Checksum' }),
    );
    return write(socket, body);
  }
  if (route === 'trailers/close') {
    const body = echoJson('x');
    await write(socket, head('200 OK', { ...json, Trailer: 'X-Checksum', Connection: 'close' }));
    await write(socket, body);
    socket.end();
    return;
  }
  if (route === 'hop-by-hop') {
    const body = Buffer.from('{"ok":true}');
    await write(
      socket,
      head('200 OK', {
        ...json,
        'Content-Length': body.length,
        Connection: 'keep-alive, X-Hop',
        'X-Hop': 'secret-hop',
        'Keep-Alive': 'timeout=600',
        'Proxy-Authenticate': 'Basic realm="upstream"',
        Upgrade: 'h2c',
        'Set-Cookie': 'session=upstream; Path=/',
        ETag: '"v1"',
        'Retry-After': '7',
        'X-RateLimit-Remaining': '41',
      }),
    );
    return write(socket, body);
  }
  if (route === 'echo-headers') {
    const body = Buffer.from('{"ok":true}');
    await write(
      socket,
      head('401 Unauthorized', {
        ...json,
        'Content-Length': body.length,
        'WWW-Authenticate': `Bearer realm="api", key="${auth}"`,
        'X-Api-Key': auth,
        'X-Request-Id': `req-for-${auth}`,
      }),
    );
    return write(socket, body);
  }
  if (route === 'html-error') {
    const body = Buffer.from(
      '<!doctype html><h1>Bad gateway</h1><script src="https://cdn.example/x.js"></script>',
    );
    await write(
      socket,
      head('502 Bad Gateway', {
        'Content-Type': 'text/html',
        'Content-Length': body.length,
        'Content-Security-Policy': 'script-src *',
        'X-Frame-Options': 'ALLOWALL',
        'Strict-Transport-Security': 'max-age=0',
      }),
    );
    return write(socket, body);
  }
  if (route === 'huge') {
    // `mb` MB of a JSON array, by Content-Length or chunked; generated as it is written.
    const total = Number(url.searchParams.get('mb')) * 1024 * 1024;
    const framing = url.searchParams.get('framing') ?? 'length';
    const piece = Buffer.alloc(64 * 1024, 'x');
    await write(
      socket,
      head('200 OK', {
        'Content-Type': 'application/octet-stream',
        ...(framing === 'length'
          ? { 'Content-Length': total }
          : { 'Transfer-Encoding': 'chunked' }),
      }),
    );
    for (let sent = 0; sent < total; sent += piece.length) {
      const part = piece.subarray(0, Math.min(piece.length, total - sent));
      await write(
        socket,
        framing === 'length'
          ? part
          : Buffer.concat([
              Buffer.from(`${part.length.toString(16)}\r\n`),
              part,
              Buffer.from('\r\n'),
            ]),
      );
    }
    if (framing !== 'length') await write(socket, '0\r\n\r\n');
    return;
  }
  if (route === 'bomb') {
    // 100 MB of zeros in about 100 kB of gzip.
    const bomb = zlib.gzipSync(Buffer.alloc(100 * 1024 * 1024));
    await write(
      socket,
      head('200 OK', { ...json, 'Content-Encoding': 'gzip', 'Content-Length': bomb.length }),
    );
    return write(socket, bomb);
  }
  if (route === 'bad-gzip' || route === 'zstd') {
    const body = Buffer.from('this is not what the header says');
    await write(
      socket,
      head('200 OK', {
        ...json,
        'Content-Encoding': route === 'zstd' ? 'zstd' : 'gzip',
        'Content-Length': body.length,
      }),
    );
    return write(socket, body);
  }
  if (route === 'drip') {
    const body = Buffer.from('{"dripped":"slowly, one byte at a time"}');
    await write(socket, head('200 OK', { ...json, 'Content-Length': body.length }));
    for (const byte of body) {
      await write(socket, Buffer.from([byte]));
      await sleep(10);
    }
    return;
  }
  if (route === 'stall') {
    await write(socket, head('200 OK', { ...json, 'Content-Length': 100 }));
    await write(socket, '{"half":');
    await sleep(60_000);
    return;
  }
  if (route === 'cut') {
    await write(socket, head('200 OK', { ...json, 'Content-Length': 100 }));
    await write(socket, '{"half":');
    socket.destroy();
    return;
  }
  // Anything else: what the request looked like, as the upstream saw it.
  const body = Buffer.from(
    JSON.stringify({ method: req.method, target: req.target, length: req.body.length }),
  );
  await write(socket, head('200 OK', { ...json, 'Content-Length': body.length }));
  return write(socket, body);
}

import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '../src/contract/schemas';
import { hashKey } from './emulator/services';
import { startTestEmulator, type TestEmulator } from './emulator/test-app';
import { MAX_JSON_DEPTH } from './json-body';

const KEY = 'demo-insight';

/** Sends bytes as they are and reads the whole answer (the connection is closed after it). */
function raw(
  port: number,
  request: string,
): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        headers: head.toLowerCase(),
        body,
      });
    });
    socket.on('error', reject);
  });
}

/** The account's metered calls, read from the store (asking the API would be a call). */
function callsUsed(t: TestEmulator, key = KEY): number {
  const row = t.emulator.db
    .prepare('SELECT api_calls FROM accounts WHERE key_hash = ?')
    .get(hashKey(key)) as { api_calls: number } | undefined;
  return row?.api_calls ?? -1;
}

describe('bad bodies on every POST route', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(() => t.app.close());

  const routes = ['/v2/session/new', '/v2/listing/quietness', '/v2/listings/delete-batch'];

  it.each(routes)(
    'answers 400 in the contract shape for JSON nested thousands deep: %s',
    async (url) => {
      for (const depth of [MAX_JSON_DEPTH + 1, 5_000, 100_000]) {
        const payload = `${'['.repeat(depth)}${']'.repeat(depth)}`;
        const res = await t.call(KEY, {
          method: 'POST',
          url,
          payload,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode, `${url} depth ${depth}`).toBe(400);
        expect(errorBody.parse(res.json()).message).toContain('nested deeper');
      }
      const inObject = `{"locations":${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}}`;
      const res = await t.call(KEY, {
        method: 'POST',
        url,
        payload: inObject,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
    },
  );

  const wideObject = (base: Record<string, unknown>, keys = 50_000) => ({
    ...base,
    ...Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i])),
  });
  it.each([
    ['/v2/session/new', wideObject({})],
    ['/v2/session/new', { locations: [wideObject({ lat: 48.85, lng: 2.35 })] }],
    ['/v2/listing/quietness', wideObject({})],
    ['/v2/listing/quietness', { listings: [wideObject({}, 20_000), wideObject({}, 20_000)] }],
    ['/v2/listings/delete-batch', wideObject({})],
    ['/v2/listings/delete-batch', wideObject({ listing_ids: ['x'] })],
  ])('answers 400 with a short message for very wide JSON: %s', async (url, body) => {
    const res = await t.call(KEY, {
      method: 'POST',
      url,
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    const { message } = errorBody.parse(res.json());
    expect(message.length).toBeLessThan(300);
  });

  it('keeps brackets inside strings out of the depth count', async () => {
    const res = await t.call(KEY, {
      method: 'POST',
      url: '/v2/session/new',
      payload: JSON.stringify({ locations: [{ lat: 48.85, lng: 2.35, note: '['.repeat(1000) }] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(errorBody.parse(res.json()).message).not.toContain('nested');
  });
});

describe('errors raised before routing', () => {
  let t: TestEmulator;
  let port = 0;
  beforeAll(async () => {
    t = await startTestEmulator();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  afterAll(() => t.app.close());

  it.each(['/v2/session/status%zz', '/v2/%E0%A4%A', '/api/%'])(
    'a malformed percent-encoding (%s) gets the contract body and our headers',
    async (target) => {
      const res = await raw(port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(res.status).toBe(400);
      expect(errorBody.parse(JSON.parse(res.body)).error).toBe('invalid_request');
      expect(res.headers).toContain("content-security-policy: default-src 'none'");
      expect(res.headers).toContain('x-content-type-options: nosniff');
    },
  );

  it.each(['get /v2/session/status HTTP/1.1', 'GET /v2/x HTTP/1.1\r\nBad Header: x'])(
    'a request HTTP cannot parse (%s) gets the contract body and our headers',
    async (line) => {
      const res = await raw(port, `${line}\r\nHost: x\r\n\r\n`);
      expect(res.status).toBe(400);
      expect(errorBody.parse(JSON.parse(res.body)).error).toBe('invalid_request');
      expect(res.headers).toContain('x-frame-options: deny');
    },
  );
});

describe('the rate limiter', () => {
  const LIMIT = 20;
  let t: TestEmulator;
  let port = 0;
  beforeAll(async () => {
    t = await startTestEmulator({ rateLimitPerMinute: LIMIT });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  afterAll(() => t.app.close());

  const get = (target: string, key: string | null = KEY) =>
    raw(
      port,
      `GET ${target} HTTP/1.1\r\nHost: x\r\n${key ? `Authorization: ${key}\r\n` : ''}Connection: close\r\n\r\n`,
    );

  it('admits exactly its limit from a burst, refuses the rest without charging, and counts unknown keys', async () => {
    const before = callsUsed(t);
    const spellings = [
      '/v2/listings/stats',
      '/v2/listings/st%61ts',
      'http://other.host/v2/listings/stats',
      '/%76%32/listings/stats',
    ];
    const burst = await Promise.all(
      Array.from({ length: 3 * LIMIT }, (_, i) =>
        get(spellings[i % spellings.length] as string, i % 5 === 0 ? 'no-such-key' : KEY),
      ),
    );
    const limited = burst.filter((r) => r.status === 429);
    expect(burst.length - limited.length).toBe(LIMIT);
    for (const r of limited) {
      expect(errorBody.parse(JSON.parse(r.body)).error).toBe('rate_limited');
      expect(r.headers).toMatch(/retry-after: \d+/);
    }
    const admittedKnown = burst.filter((r, i) => r.status !== 429 && i % 5 !== 0).length;
    expect(callsUsed(t) - before).toBe(admittedKnown);
    // Unknown keys spent the limit too: 401s were among those admitted.
    expect(burst.filter((r) => r.status === 401).length).toBeGreaterThan(0);
  });

  it('limits every spelling of every metered route (property)', async () => {
    // The window above is used up: any spelling of an API path is refused now.
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/v2/session/status?session_id=s',
          '/v2/listings/stats',
          '/v2/account/usage',
          '/api/config',
          '/v2/nope',
        ),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.constantFrom('', 'http://127.0.0.1', 'HTTP://X.Example:80'),
        async (path, encode, origin) => {
          const [p = '', q] = path.split('?');
          const spelled = [...p]
            .map((ch, i) => (ch !== '/' && encode[i] ? `%${ch.charCodeAt(0).toString(16)}` : ch))
            .join('');
          const res = await get(`${origin}${spelled}${q ? `?${q}` : ''}`);
          expect(res.status).toBe(429);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives every spelling of an API path the API headers', async () => {
    const res = await get('http://x.example/v2/listings/st%61ts');
    expect(res.headers).toContain(
      "content-security-policy: default-src 'none'; frame-ancestors 'none'",
    );
  });

  it('never limits the static app', async () => {
    const res = await raw(
      port,
      'GET /sessions/x HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n',
    );
    expect(res.status).toBe(200);
  });
});

describe('the rate limiter under bursts (property)', () => {
  it('admits exactly its limit from any burst larger than it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        async (limit, extra) => {
          const { app } = await startTestEmulator({ rateLimitPerMinute: limit });
          const burst = await Promise.all(
            Array.from({ length: limit + extra }, () =>
              app.inject({ url: '/v2/listings/stats', headers: { authorization: KEY } }),
            ),
          );
          expect(burst.filter((r) => r.statusCode !== 429)).toHaveLength(limit);
          await app.close();
        },
      ),
      { numRuns: 15 },
    );
  });
});

import net from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { testConfig } from '../config';
import { makeStaticDir } from '../test-helpers';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, unknown>;
  body: string;
}

/** A local stand-in for the real API that records what reached it. */
async function startFakeUpstream() {
  const seen: Seen[] = [];
  const upstream = Fastify();
  upstream.removeAllContentTypeParsers();
  upstream.addContentTypeParser('*', { parseAs: 'string' }, (_r, body, done) => done(null, body));
  upstream.all('/*', async (request, reply) => {
    seen.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: String(request.body ?? ''),
    });
    if (request.url.startsWith('/v2/slow')) await new Promise((r) => setTimeout(r, 1_000));
    if (request.url.startsWith('/v2/account/usage')) {
      return { status: 'OK', request: { api_key: request.headers.authorization }, response: {} };
    }
    if (request.url.startsWith('/v2/missing')) return reply.code(404).send({ detail: 'Not Found' });
    if (request.url.startsWith('/v2/crash'))
      return reply.code(500).type('text/plain').send('upstream exploded');
    return { ok: true, url: request.url };
  });
  await upstream.listen({ port: 0, host: '127.0.0.1' });
  const address = upstream.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { upstream, seen, origin: `http://127.0.0.1:${port}` };
}

/** Sends the request target byte for byte (no client-side URL normalisation). */
function rawRequest(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nConnection: close\r\n\r\n`,
      );
    });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('proxy mode', () => {
  let fake: Awaited<ReturnType<typeof startFakeUpstream>>;
  let withKey: FastifyInstance;
  let withoutKey: FastifyInstance;
  let proxyPort = 0;

  beforeAll(async () => {
    fake = await startFakeUpstream();
    const base = {
      mode: 'proxy' as const,
      upstream: new URL(fake.origin),
      staticDir: makeStaticDir(),
      upstreamTimeoutMs: 300,
    };
    withKey = await createApp(testConfig({ ...base, upstreamApiKey: 'server-secret-key' }));
    withoutKey = await createApp(testConfig({ ...base, upstreamApiKey: null }));
    await withoutKey.listen({ port: 0, host: '127.0.0.1' });
    const address = withoutKey.server.address();
    proxyPort = typeof address === 'object' && address ? address.port : 0;
  });
  afterEach(() => {
    fake.seen.length = 0;
  });
  afterAll(async () => {
    await Promise.all([withKey.close(), withoutKey.close(), fake.upstream.close()]);
  });

  it('forwards path, query, method and body to the upstream', async () => {
    const res = await withoutKey.inject({
      method: 'POST',
      url: '/v2/session/new?x=1',
      headers: { 'content-type': 'application/json', authorization: 'user-key' },
      payload: '{"locations":[{"lat":1,"lng":2}]}',
    });
    expect(res.statusCode).toBe(200);
    expect(fake.seen[0]).toMatchObject({
      url: '/v2/session/new?x=1',
      method: 'POST',
      body: '{"locations":[{"lat":1,"lng":2}]}',
    });
  });

  it('forwards the caller’s own Authorization when the server holds no key', async () => {
    await withoutKey.inject({ url: '/v2/listings/stats', headers: { authorization: 'user-key' } });
    expect(fake.seen[0]?.headers.authorization).toBe('user-key');
  });

  it('injects the server key over the caller’s, and redacts it from what comes back', async () => {
    const res = await withKey.inject({
      url: '/v2/account/usage',
      headers: { authorization: 'user-key' },
    });
    expect(fake.seen[0]?.headers.authorization).toBe('server-secret-key');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('server-secret-key');
    expect(res.json().request.api_key).toBe('[redacted]');
  });

  it('sends only allow-listed headers: no hop-by-hop headers, cookies or unknown headers', async () => {
    await withoutKey.inject({
      url: '/v2/listings/stats',
      headers: {
        connection: 'keep-alive, x-private',
        'x-private': '1',
        'proxy-authorization': 'p',
        cookie: 'c=1',
        'x-keep': 'yes',
      },
    });
    const h = fake.seen[0]?.headers ?? {};
    expect(h['x-private']).toBeUndefined();
    expect(h['proxy-authorization']).toBeUndefined();
    expect(h.cookie).toBeUndefined();
    expect(h['x-keep']).toBeUndefined();
  });

  it('passes upstream 4xx and 5xx through', async () => {
    const missing = await withoutKey.inject('/v2/missing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ detail: 'Not Found' });
    const crash = await withoutKey.inject('/v2/crash');
    expect(crash.statusCode).toBe(500);
    expect(crash.body).toBe('upstream exploded');
  });

  it('answers 504 in the contract shape when the upstream is too slow', async () => {
    const res = await withoutKey.inject('/v2/slow');
    expect(res.statusCode).toBe(504);
    expect(res.json()).toMatchObject({ success: false, error: 'upstream_timeout' });
  });

  it.each([
    '/v2/..//evil.com/x',
    '/v2/../api/config',
    '/v2/%2e%2e/%2e%2e/etc/passwd',
    '/v2/%2F%2Fevil.com/x',
    '/v2//evil.com/x',
    '/v2/a%5c..%5cb',
    '/v2/.%2e/x',
  ])('refuses the raw path trick %s: nothing reaches the upstream', async (rawPath) => {
    const status = await rawRequest(proxyPort, rawPath);
    expect([400, 404]).toContain(status);
    expect(fake.seen).toHaveLength(0);
  });

  it('forwards an absolute-form request target to the upstream, never to its host', async () => {
    const status = await rawRequest(
      proxyPort,
      'http://evil.example/v2/session/st%61tus?session_id=s',
    );
    expect(status).toBe(200);
    expect(fake.seen.map((s) => s.url)).toEqual(['/v2/session/status?session_id=s']);
  });

  it('answers 502 when the upstream cannot be reached', async () => {
    const dead = await createApp(
      testConfig({
        mode: 'proxy',
        upstream: new URL('http://127.0.0.1:9'),
        staticDir: makeStaticDir(),
        upstreamTimeoutMs: 1000,
      }),
    );
    const res = await dead.inject('/v2/listings/stats');
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ success: false, error: 'upstream_unreachable' });
    await dead.close();
  });

  it('GET /api/config names the upstream host and offers no key', async () => {
    const res = await withKey.inject('/api/config');
    expect(res.json()).toMatchObject({
      mode: 'proxy',
      upstreamHost: new URL(fake.origin).host,
      demoKey: null,
      demoSessionId: null,
    });
    expect(res.body).not.toContain('server-secret-key');
  });
});

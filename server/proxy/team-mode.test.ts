import http from 'node:http';
import type { AddressInfo } from 'node:net';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { testConfig, type ServerConfig } from '../config';
import { makeStaticDir } from '../test-helpers';

const RIGHT = 'right-key';
const OTHER = 'other-key';

/**
 * A fake Quiet Score API with one running session: `processed` grows by one every `stepMs`
 * until `total`, then the session completes. It counts every status call per key; `mode`
 * makes it refuse (429) or hang.
 */
async function startFakeApi(options: { stepMs: number; total: number }) {
  const calls: { key: string; sessionId: string; at: number }[] = [];
  const other: { method: string; url: string; key: string }[] = [];
  const started = Date.now();
  const state = { mode: 'ok' as 'ok' | '429' | 'hang' };
  const processedNow = () =>
    Math.min(options.total, Math.floor((Date.now() - started) / options.stepMs));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const key = String(req.headers.authorization ?? '');
    const sessionId = url.searchParams.get('session_id') ?? '';
    if (url.pathname !== '/v2/session/status') {
      other.push({ method: req.method ?? '', url: req.url ?? '', key });
      req.resume();
      req.on('end', () =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: true, n: other.length })),
      );
      return;
    }
    calls.push({ key, sessionId, at: Date.now() });
    if (state.mode === 'hang') return;
    if (state.mode === '429') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
      res.end('{"detail":"Too many requests"}');
      return;
    }
    if (key !== RIGHT && key !== OTHER) {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"detail":"Invalid API key"}');
      return;
    }
    const processed = processedNow();
    const body = JSON.stringify({
      session_id: sessionId,
      owner: key,
      status: processed >= options.total ? 'COMPLETED' : 'PROCESSING',
      progress: { processed, total: options.total },
      results: Array.from({ length: processed }, (_, i) => ({ i, quiet_score: 50 + (i % 40) })),
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    other,
    state,
    server,
    processedNow,
  };
}

interface Poll {
  status: number;
  etag: string | undefined;
  body: {
    status?: string;
    owner?: string;
    progress?: { processed: number };
    error?: string;
  } | null;
  retryAfter?: string;
}

/** One browser's poll over a real socket, conditional on the ETag it holds. */
function poll(
  port: number,
  sessionId: string,
  key: string,
  etag?: string,
  cacheControl?: string,
): Promise<Poll> {
  return new Promise((resolve, reject) => {
    http
      .get(
        {
          port,
          host: '127.0.0.1',
          path: `/v2/session/status?session_id=${sessionId}`,
          headers: {
            authorization: key,
            ...(etag ? { 'if-none-match': etag } : {}),
            ...(cacheControl ? { 'cache-control': cacheControl } : {}),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              etag: res.headers.etag,
              retryAfter: res.headers['retry-after'],
              body: text ? (JSON.parse(text) as Poll['body']) : null,
            }),
          );
        },
      )
      .on('error', reject);
  });
}

async function startProxy(origin: string, overrides: Partial<ServerConfig> = {}) {
  const app = await createApp(
    testConfig({
      mode: 'proxy',
      upstream: new URL(origin),
      staticDir: makeStaticDir(),
      rateLimitPerMinute: 1_000_000,
      upstreamMinIntervalMs: 200,
      upstreamTimeoutMs: 500,
      ...overrides,
    }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: (app.server.address() as AddressInfo).port };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('team mode: shared status polls', () => {
  it('20 viewers polling one running session for 30 s cost at most 30 s / min interval + 2 upstream calls, and each sees every version', async () => {
    const RUN_MS = 30_000;
    const MIN_INTERVAL = 2_000; // the default
    // A new version every 2.5 s (longer than the interval plus a poll, so each is fetched), the
    // session complete at 25 s, well within the run.
    const api = await startFakeApi({ stepMs: 2_500, total: 10 });
    const { app, port } = await startProxy(api.origin, {
      upstreamApiKey: RIGHT,
      upstreamMinIntervalMs: MIN_INTERVAL,
    });
    const until = Date.now() + RUN_MS;
    const viewers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const seen = new Set<number>();
        let etag: string | undefined;
        while (Date.now() < until) {
          const res = await poll(port, 'sess_1', 'ignored-browser-key', etag);
          expect([200, 304]).toContain(res.status);
          if (res.status === 200) {
            etag = res.etag;
            seen.add(res.body?.progress?.processed ?? -1);
          }
          await sleep(250);
        }
        return seen;
      }),
    );
    expect(api.calls.length).toBeLessThanOrEqual(RUN_MS / MIN_INTERVAL + 2);
    // Every version, 0 … 10 processed.
    const all = Array.from({ length: 11 }, (_, i) => i);
    for (const seen of viewers) expect([...seen].sort((a, b) => a - b)).toEqual(all);
    // The server key went upstream, never a browser's.
    expect(new Set(api.calls.map((c) => c.key))).toEqual(new Set([RIGHT]));
    await app.close();
    api.server.close();
  }, 60_000);

  it('reuses a status answer as long as the viewer’s Cache-Control: max-age allows', async () => {
    const api = await startFakeApi({ stepMs: 100, total: 1000 });
    const { app, port } = await startProxy(api.origin, {
      upstreamApiKey: RIGHT,
      upstreamMinIntervalMs: 100,
    });
    await poll(port, 'sess_1', 'x');
    for (let i = 0; i < 5; i++) {
      await sleep(150);
      await poll(port, 'sess_1', 'x', undefined, 'max-age=5');
    }
    expect(api.calls).toHaveLength(1);
    await poll(port, 'sess_1', 'x', undefined, 'no-cache');
    expect(api.calls).toHaveLength(2);
    await app.close();
    api.server.close();
  });

  it('keeps a completed session until evicted: no more upstream calls for it', async () => {
    const api = await startFakeApi({ stepMs: 1, total: 2 });
    await sleep(20);
    const { app, port } = await startProxy(api.origin, {
      upstreamApiKey: RIGHT,
      upstreamMinIntervalMs: 10,
    });
    expect((await poll(port, 'sess_done', 'x')).body?.status).toBe('COMPLETED');
    for (let i = 0; i < 5; i++) {
      await sleep(20);
      await poll(port, 'sess_done', 'x', undefined, 'no-cache');
    }
    expect(api.calls).toHaveLength(1);
    await app.close();
    api.server.close();
  });
});

describe('team mode with users’ own keys (pass-through)', () => {
  let api: Awaited<ReturnType<typeof startFakeApi>>;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    api = await startFakeApi({ stepMs: 100_000, total: 3 });
    proxy = await startProxy(api.origin, { upstreamApiKey: null, upstreamMinIntervalMs: 60_000 });
  });
  afterEach(() => {
    api.calls.length = 0;
    api.state.mode = 'ok';
  });
  afterAll(async () => {
    await proxy.app.close();
    api.server.close();
  });

  it('sends each key upstream and never answers one key from another key’s cache', async () => {
    const right = await poll(proxy.port, 'sess_k', RIGHT);
    const other = await poll(proxy.port, 'sess_k', OTHER);
    expect(right.body?.owner).toBe(RIGHT);
    expect(other.body?.owner).toBe(OTHER);
    expect(api.calls.map((c) => c.key).sort()).toEqual([OTHER, RIGHT]);
    // While the right key's answer is cached, a wrong key still goes upstream and gets its 401.
    for (let i = 0; i < 3; i++) {
      const wrong = await poll(proxy.port, 'sess_k', 'wrong-key');
      expect(wrong.status).toBe(401);
      expect(JSON.stringify(wrong.body)).not.toContain(RIGHT);
    }
    expect(api.calls.filter((c) => c.key === 'wrong-key')).toHaveLength(3);
    expect((await poll(proxy.port, 'sess_k', RIGHT)).body?.owner).toBe(RIGHT);
    expect(api.calls.filter((c) => c.key === RIGHT)).toHaveLength(1);
  });

  it('passes an upstream 429 and its Retry-After on, without asking again until then', async () => {
    api.state.mode = '429';
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => poll(proxy.port, 'sess_429', RIGHT)),
    );
    for (const a of answers) {
      expect(a.status).toBe(429);
      expect(a.retryAfter).toBe('2');
    }
    for (let i = 0; i < 5; i++) await poll(proxy.port, 'sess_429', RIGHT);
    expect(api.calls).toHaveLength(1);
  });

  it('answers 504 to every waiting viewer when the upstream hangs, and recovers', async () => {
    api.state.mode = 'hang';
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => poll(proxy.port, 'sess_hang', RIGHT)),
    );
    for (const a of answers) expect(a.status).toBe(504);
    expect(api.calls).toHaveLength(1);
    api.state.mode = 'ok';
    expect((await poll(proxy.port, 'sess_hang', RIGHT)).status).toBe(200);
  });
});

describe('team mode: other routes', () => {
  it('shares listing details per key for a short time, and never caches or joins writes', async () => {
    const api = await startFakeApi({ stepMs: 100_000, total: 3 });
    const { app } = await startProxy(api.origin, { upstreamApiKey: null });
    const call = (method: string, url: string, key: string) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: key, 'content-type': 'application/json' },
        ...(method === 'POST' ? { payload: '{"locations":[{"lat":1,"lng":2}]}' } : {}),
      });
    const details = '/v2/listing/quietness?lat=48.85&lng=2.35';
    const [a, b] = await Promise.all([call('GET', details, RIGHT), call('GET', details, RIGHT)]);
    expect(a.json()).toEqual(b.json());
    await call('GET', details, RIGHT);
    expect(api.other.filter((c) => c.url === details)).toHaveLength(1);
    // Another key asks for itself.
    await call('GET', details, OTHER);
    expect(api.other.filter((c) => c.url === details)).toHaveLength(2);
    // Writes: every one goes upstream, even when identical and concurrent.
    await Promise.all([
      call('POST', '/v2/session/new', RIGHT),
      call('POST', '/v2/session/new', RIGHT),
    ]);
    await call('POST', '/v2/session/new', RIGHT);
    expect(api.other.filter((c) => c.method === 'POST')).toHaveLength(3);
    // Other reads are not cached either.
    await call('GET', '/v2/listings/stats', RIGHT);
    await call('GET', '/v2/listings/stats', RIGHT);
    expect(api.other.filter((c) => c.url === '/v2/listings/stats')).toHaveLength(2);
    await app.close();
    api.server.close();
  });
});

describe('team mode when the upstream is down', () => {
  it('answers 502 to every waiting viewer, then recovers when the upstream is back', async () => {
    const api = await startFakeApi({ stepMs: 100_000, total: 3 });
    const port = Number(new URL(api.origin).port);
    await new Promise((r) => api.server.close(r));
    const { app, port: proxyPort } = await startProxy(api.origin, { upstreamApiKey: RIGHT });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => poll(proxyPort, 'sess_down', 'x')),
    );
    for (const a of answers) {
      expect(a.status).toBe(502);
      expect(a.body?.error).toBe('upstream_unreachable');
    }
    await new Promise<void>((resolve) => api.server.listen(port, '127.0.0.1', resolve));
    expect((await poll(proxyPort, 'sess_down', 'x')).status).toBe(200);
    await app.close();
    api.server.close();
  });
});

describe('team mode memory', () => {
  it('keeps the cache within PROXY_CACHE_MB however many sessions are polled', async () => {
    const api = await startFakeApi({ stepMs: 1, total: 20 });
    const { app, port } = await startProxy(api.origin, { upstreamApiKey: RIGHT, proxyCacheMb: 1 });
    const bytes = async () => {
      const text = (await app.inject('/metrics')).body;
      return Number(/^qs_proxy_cache_bytes (\d+)/m.exec(text)?.[1]);
    };
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => poll(port, `sess_${batch}_${i}`, 'x')),
      );
    }
    expect(await bytes()).toBeLessThanOrEqual(1024 * 1024);
    expect(await bytes()).toBeGreaterThan(512 * 1024);
    await app.close();
    api.server.close();
  });
});

describe('GET /metrics and readiness', () => {
  let api: Awaited<ReturnType<typeof startFakeApi>>;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    api = await startFakeApi({ stepMs: 100_000, total: 3 });
    proxy = await startProxy(api.origin, { upstreamApiKey: RIGHT, upstreamMinIntervalMs: 60_000 });
  });
  afterAll(async () => {
    await proxy.app.close();
    api.server.close();
  });

  const scrape = async () => {
    const res = await proxy.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(res.body);
    const value = (name: string, labels: Record<string, string> = {}) =>
      Number(
        families
          .find((f) => f.name === name)
          ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
          ?.value ?? 0,
      );
    return { body: res.body, value };
  };

  it('is Prometheus text whose counters move with upstream calls, calls saved and cache use', async () => {
    const before = await scrape();
    await poll(proxy.port, 'sess_m', 'x');
    await Promise.all(Array.from({ length: 4 }, () => poll(proxy.port, 'sess_m', 'x')));
    await proxy.app.inject({ url: '/v2/listings/stats', headers: { authorization: 'x' } });
    const after = await scrape();
    const route = { route: '/v2/session/status' };
    expect(
      after.value('qs_upstream_requests_total', { ...route, status: '200' }) -
        before.value('qs_upstream_requests_total', { ...route, status: '200' }),
    ).toBe(1);
    expect(
      after.value('qs_upstream_requests_total', { route: '/v2/listings/stats', status: '200' }),
    ).toBe(1);
    expect(after.value('qs_upstream_calls_saved_total', { ...route, via: 'cache' })).toBe(4);
    expect(after.value('qs_proxy_cache_entries')).toBe(1);
    expect(after.value('qs_proxy_cache_bytes')).toBeGreaterThan(0);
    expect(after.body).toMatch(
      /qs_upstream_request_duration_seconds_bucket\{le="[\d.]+",route="\/v2\/session\/status"\}/,
    );
    expect(after.body).toMatch(/qs_status_request_duration_seconds_count\{via="cache"\} 4/);
    // Labels never carry a key or a session ID.
    expect(after.body).not.toContain(RIGHT);
    expect(after.body).not.toContain('sess_m');
  });

  it('reports the upstream reachable, and not ready when it is not', async () => {
    const ready = await proxy.app.inject('/api/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ready: true, upstream: { reachable: true } });
    const dead = await createApp(
      testConfig({
        mode: 'proxy',
        upstream: new URL('http://127.0.0.1:9'),
        staticDir: makeStaticDir(),
      }),
    );
    const down = await dead.inject('/api/ready');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ ready: false, upstream: { reachable: false } });
    await dead.close();
  });

  it('tells the UI that polls are shared, and how often the upstream is asked', async () => {
    const config = await proxy.app.inject('/api/config');
    expect(config.json().sharedPolling).toEqual({ minIntervalMs: 60_000 });
  });
});

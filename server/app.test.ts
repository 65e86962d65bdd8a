import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appConfig, errorBody } from '../src/contract/schemas';
import { createApp } from './app';
import { loadConfig, testConfig, type ServerConfig } from './config';
import { makeStaticDir } from './test-helpers';

describe('createApp (emulator mode without an emulator)', () => {
  let app: FastifyInstance;
  const staticDir = makeStaticDir();
  beforeAll(async () => {
    app = await createApp(
      testConfig({
        staticDir,
        tileUrl: 'https://{s}.tile.example.org/{z}/{x}/{y}.png',
        tileAttribution: '© <a href="https://example.org">Example</a> & co',
      }),
      { demoKey: 'demo-insight', demoSessionId: 'sess_demo' },
    );
  });
  afterAll(() => app.close());

  it('GET /api/config tells the mode, tile URL and demo key, and never a secret', async () => {
    const res = await app.inject('/api/config');
    expect(res.statusCode).toBe(200);
    expect(appConfig.parse(res.json())).toEqual({
      mode: 'emulator',
      upstreamHost: null,
      tileUrl: 'https://{s}.tile.example.org/{z}/{x}/{y}.png',
      tileAttribution: '© <a href="https://example.org">Example</a> & co',
      demoKey: 'demo-insight',
      demoSessionId: 'sess_demo',
      sharedPolling: null,
    });
  });

  it('serves index.html for client routes (history fallback), revalidated', async () => {
    for (const url of ['/', '/sessions/sess_abc?listing=x', '/account', '/no/such/page']) {
      const res = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('puts the config in index.html, escaped, exactly as GET /api/config answers it', async () => {
    const page = await app.inject({ url: '/sessions/sess_abc', headers: { accept: 'text/html' } });
    const meta = /<meta name="quiet-score-config" content="([^"]*)" \/>/.exec(page.body);
    expect(meta).not.toBeNull();
    const unescaped = (meta?.[1] ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(JSON.parse(unescaped)).toEqual((await app.inject('/api/config')).json());
    // The attribution's own markup characters cannot close the attribute or open a tag.
    expect(meta?.[1]).not.toMatch(/[<>"]/);
  });

  it('compresses assets and JSON for clients that accept it', async () => {
    const js = await app.inject({
      url: '/assets/big-AbC123xy.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ url: '/assets/big-AbC123xy.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toHaveLength(20_000);
  });

  it("serves the build's precompressed brotli and gzip files as they are, cached for a year", async () => {
    const file = (name: string) => fs.readFileSync(path.join(staticDir, 'assets', name));
    for (const [encoding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      const res = await app.inject({
        url: '/assets/packed-AbC123xy.js',
        headers: { 'accept-encoding': encoding },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.rawPayload.equals(file(`packed-AbC123xy.js${suffix}`))).toBe(true);
    }
  });

  it('caches hashed assets for a year', async () => {
    const res = await app.inject('/assets/index-AbC123xy.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers unknown /api and /v2 paths with a JSON 404 in the contract shape', async () => {
    for (const url of ['/api/nope', '/api']) {
      const res = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(404);
      expect(errorBody.parse(res.json()).error).toBe('not_found');
    }
  });

  it('answers a missing static file with 404, not the SPA', async () => {
    const res = await app.inject('/assets/missing-XyZ12345.js');
    expect(res.statusCode).toBe(404);
  });

  it('answers /v2/* with 503 emulator_unavailable while no emulator is mounted', async () => {
    const res = await app.inject('/v2/session/status?session_id=sess_a');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      success: false,
      error: 'emulator_unavailable',
      message: expect.stringContaining('emulator'),
    });
  });

  it('sends security headers with a CSP that allows only the tile host externally', async () => {
    const res = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/\*\.tile\.example\.org/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp.match(/https?:\/\//g)).toHaveLength(1);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // The older header agrees with frame-ancestors 'none'.
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['permissions-policy']).toMatch(/camera=\(\).*geolocation=\(\)/);
  });

  it.each(['/', '/api/config'])('sends HSTS only over HTTPS (%s)', async (url) => {
    const plain = await app.inject({ url, headers: { accept: 'text/html' } });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // Behind a trusted load balancer that terminated TLS.
    const behind = await createApp(
      testConfig({ staticDir: makeStaticDir(), trustProxy: ['127.0.0.1'] }),
    );
    const tls = await behind.inject({
      url,
      headers: { accept: 'text/html', 'x-forwarded-proto': 'https' },
      remoteAddress: '127.0.0.1',
    });
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    // A client cannot claim HTTPS where no proxy is trusted.
    const spoofed = await app.inject({ url, headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    await behind.close();
  });
});

describe('the rate limiter and TRUST_PROXY', () => {
  const burst = async (trustProxy: ServerConfig['trustProxy']) => {
    const app = await createApp(
      testConfig({ staticDir: makeStaticDir(), rateLimitPerMinute: 3, trustProxy }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await app.inject({
        url: '/api/config',
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      statuses.push(res.statusCode);
    }
    await app.close();
    return statuses;
  };

  it('keys on the socket address when no proxy is trusted: X-Forwarded-For changes nothing', async () => {
    expect(await burst(false)).toEqual([200, 200, 200, 429]);
  });

  it('keys on the client address a trusted proxy reports', async () => {
    expect(await burst(['10.0.0.0/8'])).toEqual([200, 200, 200, 200]);
  });
});

describe('createApp errors', () => {
  it('answers a thrown error with a redacted 500 in the contract shape', async () => {
    const app = await createApp(testConfig({ staticDir: makeStaticDir() }), {
      emulator: async (scope) => {
        scope.get('/v2/boom', async () => {
          throw new Error('SQLITE_CORRUPT at /secret/path/db.sqlite');
        });
      },
    });
    const res = await app.inject('/v2/boom');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ success: false, error: 'internal', message: expect.any(String) });
    expect(res.body).not.toContain('SQLITE');
    expect(res.body).not.toContain('/secret');
    await app.close();
  });

  it('says the build is missing instead of a blank page', async () => {
    const app = await createApp(testConfig({ staticDir: '/nonexistent-dir' }));
    const res = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(503);
    expect(res.body).toMatch(/not built yet/);
    await app.close();
  });
});

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const r = loadConfig({});
    expect(r.ok && r.config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      mode: 'emulator',
      tileUrl: expect.stringContaining('openstreetmap'),
    });
  });

  it('reads TRUST_PROXY as a flag, a hop count or a list of addresses, and refuses anything else', () => {
    const read = (v: string) => {
      const r = loadConfig({ TRUST_PROXY: v });
      return r.ok ? r.config.trustProxy : r.errors.join();
    };
    expect(read('true')).toBe(true);
    expect(read('2')).toBe(2);
    expect(read('10.0.0.0/8, ::1')).toEqual(['10.0.0.0/8', '::1']);
    expect(read('yes please')).toMatch(/TRUST_PROXY/);
    expect(read('10.0.0.0/99')).toMatch(/TRUST_PROXY/);
    const r = loadConfig({});
    expect(r.ok && r.config).toMatchObject({ trustProxy: false, proxyMaxResponseMb: 32 });
  });

  it('switches to proxy mode with an upstream and names every bad variable', () => {
    const proxy = loadConfig({ QUIET_API_UPSTREAM: 'https://api.calmyx.com', TILE_URL: 'none' });
    expect(proxy.ok && proxy.config.mode).toBe('proxy');
    expect(proxy.ok && proxy.config.tileUrl).toBeNull();
    const bad = loadConfig({ PORT: 'eighty', QUIET_API_UPSTREAM: 'ftp://x', TILE_URL: 'tiles' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.join('\n')).toMatch(/PORT/);
      expect(bad.errors.join('\n')).toMatch(/QUIET_API_UPSTREAM/);
      expect(bad.errors.join('\n')).toMatch(/TILE_URL/);
    }
  });
});

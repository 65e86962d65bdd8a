import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApp } from './app';
import { testConfig } from './config';
import { ROUTE_MODULES, routePreloads } from './route-preload';
import { makeStaticDir } from './test-helpers';

/** A build's manifest as Vite writes it: the entry, two routes, their shared chunks. */
function withManifest(dir: string) {
  fs.mkdirSync(path.join(dir, '.vite'));
  const manifest = {
    'index.html': { file: 'assets/index-Aa111111.js', imports: ['_vendor-Bb222222.js'] },
    '_vendor-Bb222222.js': { file: 'assets/vendor-Bb222222.js' },
    '_explore-Cc333333.js': {
      file: 'assets/explore-Cc333333.js',
      imports: ['_vendor-Bb222222.js', '_filters-Dd444444.js'],
    },
    '_filters-Dd444444.js': { file: 'assets/filters-Dd444444.js', imports: ['index.html'] },
    'src/app/routes/session-monitor.tsx': {
      file: 'assets/session-monitor-Ee555555.js',
      imports: ['_vendor-Bb222222.js', 'index.html', '_explore-Cc333333.js'],
      dynamicImports: ['src/features/session-explorer/components/session-results.tsx'],
    },
    'src/features/session-explorer/components/session-results.tsx': {
      file: 'assets/session-results-Ff666666.js',
    },
    'src/app/routes/home.tsx': { file: 'assets/home-Gg777777.js', imports: ['index.html'] },
    'src/app/routes/not-found.tsx': { file: 'assets/not-found-Hh888888.js' },
    'src/app/routes/run.tsx': {
      file: 'assets/run-Ii999999.js',
      imports: ['index.html', '_explore-Cc333333.js'],
    },
    'node_modules/idb/build/index.js': { file: 'assets/build-Jj000000.js', isDynamicEntry: true },
  };
  fs.writeFileSync(path.join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

const hrefs = (html: string) =>
  [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)" \/>/g)].map((m) => m[1]);

describe('routePreloads', () => {
  const preloads = routePreloads(withManifest(makeStaticDir()));

  it("names a route's chunks at any depth, not the entry's nor the lazy ones", () => {
    expect(hrefs(preloads('/sessions/sess_abc'))).toEqual([
      '/assets/session-monitor-Ee555555.js',
      '/assets/explore-Cc333333.js',
      '/assets/filters-Dd444444.js',
    ]);
    expect(hrefs(preloads('/'))).toEqual(['/assets/home-Gg777777.js']);
  });

  it("names the IndexedDB wrapper in a run's page, which reads the browser's store first", () => {
    const run = [
      '/assets/run-Ii999999.js',
      '/assets/explore-Cc333333.js',
      '/assets/filters-Dd444444.js',
      '/assets/build-Jj000000.js',
    ];
    expect(hrefs(preloads('/runs/view'))).toEqual(run);
    expect(hrefs(preloads('/runs/run_abc'))).toEqual(run);
  });

  it('a path no route takes gets the not-found page; a route the build lacks, nothing', () => {
    expect(hrefs(preloads('/no/such/page'))).toEqual(['/assets/not-found-Hh888888.js']);
    expect(preloads('/account')).toBe('');
  });

  it('without a manifest (no build, or a dev one) adds nothing', () => {
    expect(routePreloads(makeStaticDir())('/sessions/sess_abc')).toBe('');
  });

  it("follows the app's router: each route's path and module are the ones it loads", () => {
    const router = fs.readFileSync(path.resolve(__dirname, '../src/app/router.tsx'), 'utf8');
    for (const [pattern, module] of ROUTE_MODULES) {
      expect(fs.existsSync(path.resolve(__dirname, '..', module)), module).toBe(true);
      expect(router).toContain(`import('./routes/${path.basename(module, '.tsx')}')`);
      expect(pattern.source).toMatch(/^\^\\\//);
    }
    // Every path the router declares is taken by a pattern above (":x" standing for any value).
    const paths = [...router.matchAll(/path: '([^']+)'/g)].map((m) => `/${m[1]}`);
    for (const p of paths.filter((p) => p !== '/*' && p !== '//'))
      expect(
        ROUTE_MODULES.some(([pattern]) => pattern.test(p.replace(/:\w+/g, 'x'))),
        p,
      ).toBe(true);
  });
});

describe('index.html with the route preloads', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createApp(testConfig({ staticDir: withManifest(makeStaticDir()) }), {
      demoKey: 'demo-insight',
      demoSessionId: 'sess_demo',
    });
  });
  afterAll(() => app.close());

  it("each page's HTML names its route's chunks in its head, whatever the query", async () => {
    const page = await app.inject({
      url: '/sessions/sess_abc?listing=x',
      headers: { accept: 'text/html' },
    });
    const head = page.body.slice(0, page.body.indexOf('</head>'));
    expect(hrefs(head)).toContain('/assets/session-monitor-Ee555555.js');
    const home = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(hrefs(home.body)).toEqual(['/assets/home-Gg777777.js']);
  });

  it('the manifest itself is not served', async () => {
    const res = await app.inject('/.vite/manifest.json');
    expect(res.statusCode).toBe(404);
  });
});

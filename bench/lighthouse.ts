/**
 * `npm run bench:lighthouse`: Lighthouse 12.2.3 in Debian's Chromium on the production build
 * with the emulator (`TILE_URL=none`), on the monitor of a finished 500-result session and on
 * every other route, with Lighthouse's mobile defaults (4× CPU slowdown, slow 4G) and its
 * desktop preset. Each run is the median of three.
 *
 * Targets on the monitor: mobile performance ≥ 90, LCP ≤ 2.5 s, TBT ≤ 200 ms, CLS ≤ 0.02;
 * desktop performance ≥ 98. Every route, both presets: accessibility and best practices 100.
 * A miss exits 1. LIGHTHOUSE_RUNS sets the runs per page (default 3); LIGHTHOUSE_PAGES=monitor
 * (first words of the page names, comma-separated) measures only those pages.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config, type RunnerResult } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import { startServer } from './start-server';

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = 4398;
const BASE = `http://127.0.0.1:${PORT}`;
/** The key /api/config hands the browser in emulator mode: the session must be its account's. */
const DEMO_KEY = 'demo-insight';
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

/** 500 points on land: 50 around each of 10 cities. */
function locations() {
  const cities = [
    [48.85, 2.35],
    [51.5, -0.12],
    [40.71, -74.0],
    [35.68, 139.69],
    [-33.87, 151.2],
    [52.52, 13.4],
    [41.9, 12.5],
    [37.77, -122.42],
    [-23.55, -46.63],
    [19.43, -99.13],
  ] as const;
  return cities.flatMap(([lat, lng]) =>
    Array.from({ length: 50 }, (_, i) => ({
      lat: +(lat + (i % 10) * 0.004).toFixed(6),
      lng: +(lng + Math.floor(i / 10) * 0.004).toFixed(6),
    })),
  );
}

async function finishedSession(): Promise<string> {
  const created = await fetch(`${BASE}/v2/session/new`, {
    method: 'POST',
    headers: { Authorization: DEMO_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({ locations: locations() }),
  });
  if (!created.ok) throw new Error(`creating the session: HTTP ${created.status}`);
  const { session_id: id } = (await created.json()) as { session_id: string };
  for (;;) {
    const status = await fetch(`${BASE}/v2/session/status?session_id=${id}`, {
      headers: { Authorization: DEMO_KEY },
    });
    const body = (await status.json()) as { status: string };
    if (body.status === 'COMPLETED') return id;
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Scores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcp: number;
  tbt: number;
  cls: number;
}

/**
 * One Lighthouse run. A run whose trace Lighthouse could not record (it says so, e.g.
 * NO_NAVSTART, now and then on a loaded machine) is made again, up to twice.
 */
async function measure(url: string, config: Config | undefined, attempt = 1): Promise<Scores> {
  const result = await lighthouse(
    url,
    {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    },
    config,
  );
  const error = result?.lhr.runtimeError;
  if (error && attempt < 3) return measure(url, config, attempt + 1);
  if (error) throw new Error(`Lighthouse could not measure ${url}: ${error.code}`);
  return scoresOf(result);
}

function scoresOf(result: RunnerResult | undefined): Scores {
  const lhr = result?.lhr;
  if (!lhr) throw new Error('Lighthouse returned no report');
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

execSync('npx vite build --logLevel warn', { cwd: ROOT, stdio: 'inherit' });
const server = await startServer({
  PORT: String(PORT),
  DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'qs-bench-lighthouse-')),
  EMULATOR_PACE_MS: '0',
});
const chrome = await chromeLauncher.launch({
  chromePath: (await findChromium()) ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
});
const misses: string[] = [];
try {
  const sessionId = await finishedSession();
  const run = [sessionId, await finishedSession(), await finishedSession()];
  const pages = [
    { name: 'monitor (500 results)', url: `${BASE}/sessions/${sessionId}`, monitor: true },
    {
      name: 'run (3 sessions × 500 results)',
      url: `${BASE}/runs/view?sessions=${run.join(',')}&name=Portfolio`,
      monitor: false,
    },
    { name: 'sessions', url: `${BASE}/`, monitor: false },
    { name: 'new session', url: `${BASE}/sessions/new`, monitor: false },
    { name: 'account', url: `${BASE}/account`, monitor: false },
  ];
  const presets: { name: 'mobile' | 'desktop'; config: Config | undefined }[] = [
    { name: 'mobile', config: undefined },
    { name: 'desktop', config: desktopConfig as Config },
  ];
  console.log('Quiet Score first load, Lighthouse 12.2.3 (Chromium, production build, emulator)');
  // LIGHTHOUSE_PAGES=monitor (a comma list of names' first words) measures only those.
  const only = process.env.LIGHTHOUSE_PAGES?.split(',');
  for (const page of pages.filter((p) => !only || only.includes(p.name.split(' ')[0] ?? '')))
    for (const preset of presets) {
      const runs: Scores[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(page.url, preset.config));
      const m = (k: keyof Scores) => median(runs.map((r) => r[k]));
      const s: Scores = {
        performance: m('performance'),
        accessibility: m('accessibility'),
        bestPractices: m('bestPractices'),
        lcp: m('lcp'),
        tbt: m('tbt'),
        cls: m('cls'),
      };
      console.log(
        `  ${page.name.padEnd(22)} ${preset.name.padEnd(7)} performance ${s.performance} (runs ${runs.map((r) => r.performance).join('/')}), LCP ${(s.lcp / 1000).toFixed(2)} s, TBT ${Math.round(s.tbt)} ms, CLS ${s.cls.toFixed(3)}; accessibility ${s.accessibility}, best practices ${s.bestPractices}`,
      );
      const where = `${page.name} (${preset.name})`;
      if (s.accessibility < 100) misses.push(`${where}: accessibility ${s.accessibility}`);
      if (s.bestPractices < 100) misses.push(`${where}: best practices ${s.bestPractices}`);
      if (!page.monitor) continue;
      if (preset.name === 'mobile') {
        if (s.performance < 90) misses.push(`${where}: performance ${s.performance} < 90`);
        if (s.lcp > 2500) misses.push(`${where}: LCP ${Math.round(s.lcp)} ms > 2500`);
        if (s.tbt > 200) misses.push(`${where}: TBT ${Math.round(s.tbt)} ms > 200`);
        if (s.cls > 0.02) misses.push(`${where}: CLS ${s.cls.toFixed(3)} > 0.02`);
      } else if (s.performance < 98) misses.push(`${where}: performance ${s.performance} < 98`);
    }
  console.log(
    '  targets on the monitor: mobile performance ≥ 90, LCP ≤ 2.5 s, TBT ≤ 200 ms, CLS ≤ 0.02; desktop ≥ 98; every route: accessibility and best practices 100',
  );
} finally {
  chrome.kill();
  server.kill('SIGTERM');
}
if (misses.length) {
  console.error(`Targets missed: ${misses.join('; ')}`);
  process.exit(1);
}

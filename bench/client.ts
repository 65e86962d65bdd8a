/**
 * `npm run bench:client` (Chromium): the JavaScript each route loads (gzip, from the build);
 * main-thread time to apply one poll of a 500-result session, and of an unchanged poll; first
 * draw of 10,000 pins and adding 20 pins to 480.
 * Targets: `/` ≤ 150 KB, monitor ≤ 350 KB; poll p95 ≤ 16 ms of main-thread CPU time
 * (wall time printed too); unchanged poll: no long task;
 * 10,000 pins ≤ 300 ms; +20 pins ≤ 10 ms.
 */
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = 4397;
const BASE = `http://127.0.0.1:${PORT}`;
const KEY = 'demo-enterprise';

execSync('npx vite build --logLevel warn', { cwd: ROOT, stdio: 'inherit' });
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: String(PORT),
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'qs-bench-client-')),
    EMULATOR_PACE_MS: '0',
    LOG_LEVEL: 'warn',
    TILE_URL: 'none',
    RATE_LIMIT_PER_MINUTE: '1000000',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) =>
  server.stdout?.on(
    'data',
    (d: Buffer) => d.toString().includes('Quiet Score Dashboard on') && resolve(),
  ),
);

const executablePath = (await findChromium()) ?? '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: CHROMIUM_ARGS,
});

function result(i: number, score: number) {
  return i % 10 === 9
    ? {
        lat: 40 + (i % 25) * 0.5,
        lng: -30 + Math.floor(i / 25) * 0.5,
        status: 'failed',
        error: 'Failed to calculate quietness score',
        analyzed_at: '2026-01-15T10:30:10.000000',
      }
    : {
        lat: 40 + (i % 25) * 0.5,
        lng: -30 + Math.floor(i / 25) * 0.5,
        status: 'success',
        quiet_score: score,
        listing_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        analyzed_at: '2026-01-15T10:30:10.000000',
      };
}
function payload(processed: number, total = 500) {
  const results = Array.from({ length: processed }, (_, i) => result(i, (i * 37) % 101));
  const failed = results.filter((r) => r.status === 'failed').length;
  return JSON.stringify({
    status: processed >= total ? 'COMPLETED' : 'PROCESSING',
    progress: { total, processed, successful: processed - failed, failed },
    results,
    submitted_at: '2026-01-15T10:30:00.000000',
    started_at: '2026-01-15T10:30:01.000000',
    completed_at: null,
  });
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript((key) => {
    window.sessionStorage.setItem('quiet-score.api-key', key);
    window.localStorage.setItem('quiet-score.poll-interval', 'off');
  }, KEY);
  return page;
}

// 1. JavaScript per route, gzip.
async function routeJs(url: string, ready: (p: Page) => Promise<unknown>) {
  const page = await newPage();
  const scripts = new Set<string>();
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
  });
  await page.goto(url);
  await ready(page);
  await page.waitForTimeout(500);
  await page.close();
  let gzip = 0;
  for (const s of scripts)
    gzip += zlib.gzipSync(fs.readFileSync(path.join(ROOT, 'dist', s)), { level: 9 }).length;
  return { files: scripts.size, kb: gzip / 1024 };
}
const session = (await (
  await fetch(`${BASE}/v2/session/new`, {
    method: 'POST',
    headers: { Authorization: KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      locations: Array.from({ length: 500 }, (_, i) => ({
        lat: 44 + (i % 25) * 0.1,
        lng: 1 + Math.floor(i / 25) * 0.1,
      })),
    }),
  })
).json()) as { session_id: string };
const sizes = {
  '/': await routeJs(`${BASE}/`, (p) => p.getByRole('heading', { level: 1 }).waitFor()),
  '/sessions/:id': await routeJs(`${BASE}/sessions/${session.session_id}`, (p) =>
    p.locator('.leaflet-container[data-pin-count]').waitFor(),
  ),
  '/sessions/new': await routeJs(`${BASE}/sessions/new`, (p) =>
    p.getByRole('heading', { level: 1 }).waitFor(),
  ),
  '/account': await routeJs(`${BASE}/account`, (p) =>
    p.getByRole('heading', { level: 1 }).waitFor(),
  ),
};

/**
 * Clicks "Refresh now" from inside the page: Playwright's role locators compute accessible
 * names over the whole DOM on the page's main thread, which would be counted as app time.
 */
async function clickRefresh(page: Page) {
  await page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Refresh now',
    );
    button?.click();
  });
}

// 2. Applying polls: each "Refresh now" serves the next payload; main-thread time via CDP.
interface MainThread {
  task: number;
  script: number;
  layout: number;
  style: number;
}
async function mainThread(cdp: CDPSession): Promise<MainThread> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    task: ms('TaskDuration'),
    script: ms('ScriptDuration'),
    layout: ms('LayoutDuration'),
    style: ms('RecalcStyleDuration'),
  };
}
const taskMs = async (cdp: CDPSession) => (await mainThread(cdp)).task;
const pollPage = await newPage();
let served = 0;
let fixed: string | null = null;
/** When set, the next growing-session response waits until the bench sends it. */
let hold: ((send: () => Promise<void>) => void) | null = null;
await pollPage.route('**/v2/session/status**', async (route) => {
  if (fixed !== null) {
    const unchanged = route.request().headers()['if-none-match'] === '"fixed"';
    return route.fulfill(
      unchanged
        ? { status: 304, headers: { ETag: '"fixed"' } }
        : {
            status: 200,
            contentType: 'application/json',
            body: fixed,
            headers: { ETag: '"fixed"' },
          },
    );
  }
  served++;
  const send = () =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: payload(Math.min(500, 20 + served * 12)),
    });
  if (!hold) return send();
  hold(send);
  hold = null;
});
const cdp = await pollPage.context().newCDPSession(pollPage);
await cdp.send('Performance.enable');
async function openPollPage() {
  served = 0;
  await pollPage.goto(`${BASE}/sessions/sess_benchpoll`);
  await pollPage.getByRole('progressbar', { name: 'Session progress' }).waitFor();
  await pollPage.locator('.leaflet-container[data-pin-count]').waitFor();
  await pollPage.waitForTimeout(500);
}

/**
 * Arms a MutationObserver (nothing polls the DOM meanwhile) that settles `window.applied` once
 * the gauge shows `n`, two frames later, so the update's layout, paint and map draw are in.
 */
function watchGauge(n: number) {
  return pollPage.evaluate((expected) => {
    const target = document.querySelector('[role=progressbar]') as Element;
    (window as unknown as { applied: Promise<void> }).applied = new Promise<void>((resolve) => {
      new MutationObserver((_, observer) => {
        if (target.getAttribute('aria-valuenow') !== String(expected)) return;
        observer.disconnect();
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            performance.mark('qs-bench:applied');
            resolve();
          }),
        );
      }).observe(target, { attributes: true, attributeFilter: ['aria-valuenow'] });
    });
  }, n);
}
const applied = () =>
  pollPage.evaluate(() => (window as unknown as { applied: Promise<void> }).applied);
const twoFrames = () =>
  pollPage.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
function delta(before: MainThread, after: MainThread): MainThread {
  return {
    task: after.task - before.task,
    script: after.script - before.script,
    layout: after.layout - before.layout,
    style: after.style - before.style,
  };
}

/**
 * Polls a 500-location session growing by 12 results a poll. `apply`: main-thread time from the
 * response's arrival to the painted frame (parse, validate, render) — the request waits in the
 * route until the page is idle. `cycle`: from the click on "Refresh now" to the painted frame.
 */
async function pollTimes(mode: 'apply' | 'cycle'): Promise<MainThread[]> {
  await openPollPage();
  const times: MainThread[] = [];
  // 38 polls: 32 to 476 results, still running (so "Refresh now" stays for the 304s below).
  while (times.length < 38) {
    const expected = 20 + (served + 1) * 12;
    await watchGauge(expected);
    if (mode === 'cycle') {
      const before = await mainThread(cdp);
      await clickRefresh(pollPage);
      await applied();
      times.push(delta(before, await mainThread(cdp)));
    } else {
      const request = new Promise<() => Promise<void>>((resolve) => (hold = resolve));
      await clickRefresh(pollPage);
      const send = await request;
      await twoFrames();
      await pollPage.evaluate(() => performance.mark('qs-bench:apply'));
      const before = await mainThread(cdp);
      await send();
      await applied();
      times.push(delta(before, await mainThread(cdp)));
    }
  }
  return times;
}
const applyTimes = await pollTimes('apply');
const cycleTimes = await pollTimes('cycle');

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}
/**
 * The `apply` polls again, in thread (CPU) time: a trace of top-level tasks only, summing the
 * CPU time the renderer's main thread used between the marks around each poll. Wall time also
 * counts the moments that thread waited for a core — here two cores are shared by the browser's
 * other processes, the server and this benchmark.
 *
 * `applied` is marked in the next frame's animation callback: the tasks that end before it are
 * the poll's, up to and including the frame that paints it. `withNextFrame` adds that next frame,
 * whose task holds this benchmark's callback and its reply to Playwright (≈ 0.7 ms).
 */
async function applyCpuTimes(): Promise<{ cpu: number; withNextFrame: number }[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: unknown }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    categories: 'toplevel,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  await pollTimes('apply');
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  const marks = (name: string) => events.filter((e) => e.name === name).map((e) => e.ts);
  const starts = marks('qs-bench:apply');
  const ends = marks('qs-bench:applied').filter((t) => t > (starts[0] ?? Infinity));
  const main = events.find((e) => e.name === 'qs-bench:apply');
  // The outermost tasks of the page's main thread.
  const tasks: TraceEvent[] = [];
  for (const e of events
    .filter((e) => e.pid === main?.pid && e.tid === main?.tid && e.ph === 'X' && e.dur)
    .sort((a, b) => a.ts - b.ts)) {
    const last = tasks.at(-1);
    if (!last || e.ts >= last.ts + (last.dur ?? 0)) tasks.push(e);
  }
  const cpuMs = (list: TraceEvent[]) => list.reduce((sum, t) => sum + (t.tdur ?? 0), 0) / 1000;
  return starts.map((start, i) => {
    const end = ends[i] ?? start;
    const inWindow = tasks.filter((t) => t.ts >= start && t.ts < end);
    return {
      cpu: cpuMs(inWindow.filter((t) => t.ts + (t.dur ?? 0) <= end)),
      withNextFrame: cpuMs(inWindow),
    };
  });
}
/**
 * Three journeys, each on a freshly opened page: a p95 of 38 polls is the second-slowest poll,
 * which one noisy moment on this VM decides; of 114 it is the sixth-slowest.
 */
const CPU_JOURNEYS = 3;
const applyTraced: { cpu: number; withNextFrame: number }[] = [];
for (let i = 0; i < CPU_JOURNEYS; i++) applyTraced.push(...(await applyCpuTimes()));
const applyCpu = applyTraced.map((t) => t.cpu);
// The measuring floor: the same CDP calls and two frames with no poll.
const floorTimes: number[] = [];
for (let i = 0; i < 15; i++) {
  const before = await taskMs(cdp);
  await twoFrames();
  floorTimes.push((await taskMs(cdp)) - before);
}
// Unchanged polls: 304s.
fixed = payload(480);
await clickRefresh(pollPage);
await pollPage.waitForFunction(
  () => document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') === '480',
);
await pollPage.evaluate(() => {
  (window as unknown as { longTasks: number }).longTasks = 0;
  new PerformanceObserver((list) => {
    (window as unknown as { longTasks: number }).longTasks += list.getEntries().length;
  }).observe({ type: 'longtask' });
});
const unchangedTimes: number[] = [];
for (let i = 0; i < 15; i++) {
  const before = await taskMs(cdp);
  const response = pollPage.waitForResponse('**/v2/session/status**');
  await clickRefresh(pollPage);
  await response;
  await twoFrames();
  unchangedTimes.push((await taskMs(cdp)) - before);
}
const longTasks = await pollPage.evaluate(
  () => (window as unknown as { longTasks: number }).longTasks,
);
await pollPage.close();

// 3. Pins: 10,000 at once, then 480 → 500.
async function pinDraws(sequence: string[]) {
  const page = await newPage();
  let k = 0;
  await page.route('**/v2/session/status**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: sequence[Math.min(k++, sequence.length - 1)] as string,
    }),
  );
  await page.goto(`${BASE}/sessions/sess_benchpins`);
  await page.locator('.leaflet-container[data-pin-count]').waitFor({ timeout: 60_000 });
  for (let i = 1; i < sequence.length; i++) {
    await clickRefresh(page);
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('.leaflet-container')[0]?.getAttribute('data-pin-count') ===
        String(n),
      JSON.parse(sequence[i] as string).results.length,
    );
  }
  await page.waitForTimeout(300);
  const draws = await page.evaluate(() =>
    performance.getEntriesByName('qs:pins-draw').map((e) => {
      const detail = (e as PerformanceMeasure).detail as { pins: number; painted: number };
      return { ms: e.duration, ...detail };
    }),
  );
  await page.close();
  return draws;
}
// The first draw with all pins (a later redraw follows the map's fit).
const tenK = (await pinDraws([payload(10_000, 10_000)])).find((d) => d.pins === 10_000);
// The draw that adds results 481–500 (only the new pins are painted).
const plus20 = (await pinDraws([payload(480), payload(500)])).find((d) => d.pins === 500);

await browser.close();
server.kill('SIGTERM');

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const f = (n: number, d = 1) => n.toFixed(d);
console.log('Quiet Score client benchmark (Chromium, production build)');
for (const [route, s] of Object.entries(sizes))
  console.log(`  JS for ${route.padEnd(14)} ${f(s.kb)} KB gzip in ${s.files} files`);
console.log(`  targets: / ≤ 150 KB; monitor ≤ 350 KB`);
const summary = (times: MainThread[]) => {
  const tasks = times.map((t) => t.task);
  return `p50 ${f(pct(tasks, 50))} ms, p95 ${f(pct(tasks, 95))} ms, max ${f(Math.max(...tasks))} ms`;
};
const part = (k: keyof MainThread) =>
  f(
    pct(
      applyTimes.map((t) => t[k]),
      50,
    ),
  );
const cpuP95 = pct(applyCpu, 95);
const nextFrame = applyTraced.map((t) => t.withNextFrame);
console.log(
  `  apply one poll of a growing 500-result session, response to painted frame, in main-thread CPU time (${applyCpu.length} polls in ${CPU_JOURNEYS} journeys, traced): p50 ${f(pct(applyCpu, 50))} ms, p95 ${f(cpuP95)} ms, max ${f(Math.max(...applyCpu))} ms (target p95 ≤ 16 ms: ${cpuP95 <= 16 ? 'met' : 'missed'}); with the next frame too, p50 ${f(pct(nextFrame, 50))} ms, p95 ${f(pct(nextFrame, 95))} ms`,
);
console.log(
  `    the same in wall time of the main thread's tasks (${applyTimes.length} polls), which also counts waiting for one of this machine's cores: ${summary(applyTimes)}`,
);
console.log(
  `    of which (p50) script ${part('script')} ms, layout ${part('layout')} ms, style ${part('style')} ms, the rest paint, canvas and compositing; measuring floor (no poll) p50 ${f(pct(floorTimes, 50))} ms`,
);
console.log(
  `  whole poll cycle, click on "Refresh now" to painted frame: ${summary(cycleTimes)} main-thread`,
);
console.log(
  `  unchanged poll (304, ${unchangedTimes.length} polls): p50 ${f(pct(unchangedTimes, 50))} ms, max ${f(Math.max(...unchangedTimes))} ms; long tasks: ${longTasks} (target 0)`,
);
console.log(`  first draw of ${tenK?.pins ?? 0} pins: ${f(tenK?.ms ?? NaN)} ms (target ≤ 300 ms)`);
console.log(
  `  adding 20 pins to 480 (${plus20?.painted ?? 0} of ${plus20?.pins ?? 0} painted): ${f(plus20?.ms ?? NaN)} ms (target ≤ 10 ms)`,
);

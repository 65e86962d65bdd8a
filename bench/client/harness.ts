/**
 * What every client benchmark needs: a production build, the server with the emulator at
 * pace 0, and Debian's Chromium; `withHarness` always stops the server and the browser.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
} from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { startServer } from '../start-server';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const PORT = 4397;

export interface Harness {
  base: string;
  key: string;
  browser: Browser;
  /**
   * A page with the key set, polling off, and the app's benchmark measures on; `storage` adds
   * localStorage entries (settings such as pin grouping). In a new browser context (its own
   * storage, closed with the page), or in `context`, to share its IndexedDB.
   */
  newPage(storage?: Record<string, string>, context?: BrowserContext): Promise<Page>;
}

export async function withHarness<T>(run: (h: Harness) => Promise<T>): Promise<T> {
  execSync('npx vite build --logLevel warn', { cwd: ROOT, stdio: 'inherit' });
  // Bare pages the benchmarks measure the machine with, served beside the build (the server
  // serves the files it finds as it starts); removed after.
  const ceiling = path.join(ROOT, 'dist', 'bench-ceiling');
  fs.cpSync(path.join(import.meta.dirname, 'ceiling'), ceiling, { recursive: true });
  const server = await startServer({
    PORT: String(PORT),
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'qs-bench-client-')),
    EMULATOR_PACE_MS: '0',
  });
  let browser: Browser | null = null;
  try {
    const executablePath = (await findChromium()) ?? '/usr/bin/chromium';
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const open = browser;
    const key = 'demo-enterprise';
    return await run({
      base: `http://127.0.0.1:${PORT}`,
      key,
      browser: open,
      async newPage(storage = {}, context) {
        const own = context
          ? null
          : await open.newContext({ viewport: { width: 1400, height: 1000 } });
        const page = await (context ?? own)!.newPage();
        // A context of its own goes with its page.
        if (own) page.once('close', () => void own.close().catch(() => undefined));
        await page.addInitScript(
          ({ k, stored }) => {
            window.sessionStorage.setItem('quiet-score.api-key', k);
            window.localStorage.setItem('quiet-score.poll-interval', 'off');
            for (const [name, value] of Object.entries(stored))
              window.localStorage.setItem(name, value);
            (window as unknown as { __qsBenchMeasure: boolean }).__qsBenchMeasure = true;
          },
          { k: key, stored: storage },
        );
        return page;
      },
    });
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
    fs.rmSync(ceiling, { recursive: true, force: true });
  }
}

/**
 * Clicks "Refresh now" from inside the page: Playwright's role locators compute accessible
 * names over the whole DOM on the page's main thread, which would be counted as app time.
 */
export async function clickRefresh(page: Page) {
  await page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Refresh now',
    );
    button?.click();
  });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/**
 * Main-thread CPU time between marks the page sets (each pair's start, then its end in the
 * animation frame after the work painted), while `run` runs, per pair: a trace of top-level tasks only, summing the CPU
 * time the renderer's main thread used in each window. Wall time would also count the moments
 * that thread waited for a core, which two cores shared with the server make frequent.
 * `withNextFrame` adds the frame holding the end mark (≈ 0.7 ms of this benchmark's own work).
 */
export async function traceCpu(
  cdp: CDPSession,
  run: () => Promise<unknown>,
  ...pairs: [start: string, end: string][]
): Promise<{ cpu: number; withNextFrame: number }[][]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: unknown }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    categories: 'toplevel,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  await run();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  const marks = (name: string) => events.filter((e) => e.name === name).map((e) => e.ts);
  const main = events.find((e) => e.name === pairs[0]?.[0]);
  // The outermost tasks of the page's main thread.
  const tasks: TraceEvent[] = [];
  for (const e of events
    .filter((e) => e.pid === main?.pid && e.tid === main?.tid && e.ph === 'X' && e.dur)
    .sort((a, b) => a.ts - b.ts)) {
    const last = tasks.at(-1);
    if (!last || e.ts >= last.ts + (last.dur ?? 0)) tasks.push(e);
  }
  const cpuMs = (list: TraceEvent[]) => list.reduce((sum, t) => sum + (t.tdur ?? 0), 0) / 1000;
  return pairs.map(([start, end]) => {
    const starts = marks(start);
    const ends = marks(end).filter((t) => t > (starts[0] ?? Infinity));
    return starts.map((from, i) => {
      const to = ends[i] ?? from;
      const inWindow = tasks.filter((t) => t.ts >= from && t.ts < to);
      return {
        cpu: cpuMs(inWindow.filter((t) => t.ts + (t.dur ?? 0) <= to)),
        withNextFrame: cpuMs(inWindow),
      };
    });
  });
}

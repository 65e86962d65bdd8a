/**
 * What every client benchmark needs: a production build, the server with the emulator at
 * pace 0, and Debian's Chromium; `withHarness` always stops the server and the browser.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
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
   * localStorage entries (settings such as pin grouping).
   */
  newPage(storage?: Record<string, string>): Promise<Page>;
}

export async function withHarness<T>(run: (h: Harness) => Promise<T>): Promise<T> {
  execSync('npx vite build --logLevel warn', { cwd: ROOT, stdio: 'inherit' });
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
      async newPage(storage = {}) {
        const page = await open.newPage({ viewport: { width: 1400, height: 1000 } });
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

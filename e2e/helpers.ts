import fs from 'node:fs';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { TEST_IDS } from '../src/lib/test-ids';

export interface Point {
  lat: number;
  lng: number;
}

/** Creates a session through the API, as a script would, and returns its ID. */
export async function createSession(
  request: APIRequestContext,
  locations: Point[],
  key = 'demo-enterprise',
) {
  const res = await request.post('/v2/session/new', {
    headers: { Authorization: key },
    data: { locations },
  });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { session_id: string }).session_id;
}

/** Enters a key through the key dialog, as a user would; optionally polls every `pollMs`. */
export async function useKey(page: Page, key: string, pollMs?: number) {
  await page.goto('/');
  await page.getByRole('button', { name: /key/i }).click();
  await page.getByRole('textbox', { name: 'API key' }).fill(key);
  await page.getByRole('button', { name: 'Save key' }).click();
  if (pollMs)
    await page.evaluate(
      (ms) => window.localStorage.setItem('quiet-score.poll-interval', String(ms)),
      pollMs,
    );
}

/** The results map's Leaflet container (a canvas-like widget: it carries data-* test hooks). */
export const resultsMap = (page: Page) =>
  page.getByTestId(TEST_IDS.resultsMap).locator('.leaflet-container');

export const pinCount = async (page: Page) =>
  Number((await resultsMap(page).getAttribute('data-pin-count')) ?? 0);

/** The page once `pinsShown` ran: the pins' canvas's pixels, read through a 2D copy. */
export type PinPixelsWindow = Window & { pinPixels: () => ImageData };

/**
 * Waits until the pins' canvas shows the last drawing asked of it (a worker draws the pins and
 * the page shows its bitmap when it is in), and gives the page `pinPixels()`: the canvas has a
 * bitmap context, not a 2D one, so its pixels are read from a copy.
 */
export async function pinsShown(page: Page) {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await page.waitForFunction(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.leaflet-pins-pane canvas');
    return !!canvas?.dataset.asked && canvas.dataset.shown === canvas.dataset.asked;
  });
  await page.evaluate(() => {
    (window as unknown as PinPixelsWindow).pinPixels = () => {
      const canvas = document.querySelector<HTMLCanvasElement>('.leaflet-pins-pane canvas')!;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(canvas, 0, 0);
      return ctx.getImageData(0, 0, copy.width, copy.height);
    };
  });
}

/**
 * Changes what the server says of itself (tile URL, mode …) for this page: the config travels
 * in index.html's `quiet-score-config` meta tag, rewritten here on every page load.
 */
export async function patchAppConfig(page: Page, patch: Record<string, unknown>) {
  await page.route(
    (url) =>
      !url.pathname.startsWith('/v2/') &&
      !url.pathname.startsWith('/api/') &&
      !url.pathname.startsWith('/assets/'),
    async (route) => {
      if (route.request().resourceType() !== 'document') return route.fallback();
      const response = await route.fetch();
      const html = await response.text();
      const patched = html.replace(
        /(<meta name="quiet-score-config" content=")([^"]*)(")/,
        (_all, open: string, content: string, close: string) => {
          const config = JSON.parse(content.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
          const json = JSON.stringify({ ...config, ...patch });
          return open + json.replace(/&/g, '&amp;').replace(/"/g, '&quot;') + close;
        },
      );
      expect(patched, 'index.html carries the config').not.toBe(html);
      await route.fulfill({ response, body: patched });
    },
  );
}

/** Opens a session's monitor with `key`, as a user would, once it says the session is COMPLETED. */
export async function openFinishedSession(page: Page, sessionId: string, key: string) {
  await useKey(page, key);
  await page.goto(`/sessions/${sessionId}`);
  await expect(page.getByText('COMPLETED', { exact: true })).toBeVisible({ timeout: 30_000 });
}

/** Clicks a download button: the file's suggested name and its text. */
export async function download(page: Page, button: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

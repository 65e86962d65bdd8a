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

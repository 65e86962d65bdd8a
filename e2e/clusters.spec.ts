import { expect, test, type Page } from '@playwright/test';
import { pinsShown, resultsMap, useKey, type PinPixelsWindow } from './helpers';

/**
 * A session of 5,000 results (beyond what one emulator session holds, so its status is served
 * by the test): 4,990 Very Quiet listings on a grid over Europe, one Very Noisy listing in the
 * middle of them, and 10 failed ones.
 */
function bigSession(processed = 5000) {
  const results = [];
  for (let i = 0; i < processed; i++) {
    const lat = 40 + (i % 50) * 0.3;
    const lng = -5 + Math.floor(i / 50) * 0.3;
    const at = '2026-01-15T10:30:10.000000';
    if (i % 500 === 7)
      results.push({
        lat,
        lng,
        status: 'failed',
        error: 'Location is in the sea',
        analyzed_at: at,
      });
    else
      results.push({
        lat,
        lng,
        status: 'success',
        quiet_score: i === 2525 ? 5 : 92,
        listing_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        analyzed_at: at,
      });
  }
  const failed = results.filter((r) => r.status === 'failed').length;
  return JSON.stringify({
    status: processed === 5000 ? 'COMPLETED' : 'PROCESSING',
    progress: { total: 5000, processed, successful: processed - failed, failed },
    results,
    submitted_at: '2026-01-15T10:30:00.000000',
    started_at: '2026-01-15T10:30:01.000000',
    completed_at: processed === 5000 ? '2026-01-15T10:40:00.000000' : null,
  });
}

/**
 * The pins' canvas pixels painted in this RGB color: how many, and their middle in page
 * coordinates.
 */
const pixelsOf = async (page: Page, rgb: [number, number, number]) => {
  await pinsShown(page);
  return page.evaluate((color) => {
    const canvas = document.querySelector<HTMLCanvasElement>('.leaflet-pins-pane canvas')!;
    const { data, width } = (window as unknown as PinPixelsWindow).pinPixels();
    let x = 0;
    let y = 0;
    let count = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] === color[0] && data[i + 1] === color[1] && data[i + 2] === color[2]) {
        x += (i / 4) % width;
        y += Math.floor(i / 4 / width);
        count++;
      }
    const box = canvas.getBoundingClientRect();
    return { count, x: box.left + x / count, y: box.top + y / count };
  }, rgb);
};

const VERY_NOISY: [number, number, number] = [0xd7, 0x30, 0x27];
const count = async (page: Page, attribute: string) =>
  Number((await resultsMap(page).getAttribute(attribute)) ?? -1);

/** The 5,000-result session's monitor, at `view`, once its clusters are drawn. */
async function openBigSession(page: Page, view: string) {
  const body = bigSession();
  await page.route('**/v2/session/status**', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body }),
  );
  await useKey(page, 'demo-enterprise');
  await page.goto(`/sessions/sess_cluster5000?view=${view}`);
  await expect.poll(() => count(page, 'data-cluster-count')).toBeGreaterThan(0);
}

test('5,000 results cluster at world zoom, colored by their noisiest pin; the legend ungroups them', async ({
  page,
}) => {
  await openBigSession(page, '30,10,3');
  // Far fewer dots than results: 10 failed rings drawn as themselves, the rest grouped.
  expect(await count(page, 'data-drawn-count')).toBeLessThan(200);
  // The only Very Noisy listing hides in a cluster of quiet ones: that cluster is drawn red.
  await expect.poll(async () => (await pixelsOf(page, VERY_NOISY)).count).toBeGreaterThan(100);

  const grouping = page.getByRole('checkbox', { name: 'Group nearby pins' });
  await grouping.uncheck();
  await expect.poll(() => count(page, 'data-drawn-count')).toBe(5000);
  expect(await count(page, 'data-cluster-count')).toBe(0);
  // Ungrouped, the Very Noisy listing is one small dot among thousands.
  await expect.poll(async () => (await pixelsOf(page, VERY_NOISY)).count).toBeLessThan(100);

  // The choice is remembered.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Group nearby pins' })).not.toBeChecked();
  await expect.poll(() => count(page, 'data-drawn-count')).toBe(5000);
});

test('a click on a cluster zooms into it', async ({ page }) => {
  await openBigSession(page, '47,2,3');
  const zoomBefore = Number((await resultsMap(page).getAttribute('data-zoom')) ?? 0);
  await resultsMap(page).scrollIntoViewIfNeeded();
  // The red cluster (it holds the Very Noisy listing), at the middle of its red pixels.
  const red = await pixelsOf(page, VERY_NOISY);
  await page.mouse.click(red.x, red.y);
  await expect
    .poll(async () => Number((await resultsMap(page).getAttribute('data-zoom')) ?? 0))
    .toBeGreaterThan(zoomBefore);
});

test('a poll that adds results draws them at once, and a worker clusters them a moment later', async ({
  page,
}) => {
  let processed = 3000;
  await page.route('**/v2/session/status**', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: bigSession(processed) }),
  );
  await useKey(page, 'demo-enterprise');
  await page.evaluate(() => window.localStorage.setItem('quiet-score.poll-interval', 'off'));
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto('/sessions/sess_cluster3000?view=45,2,5');
  // The first index too is built by the worker, not on the page's main thread.
  await expect.poll(() => count(page, 'data-cluster-count')).toBeGreaterThan(0);
  expect(workers.filter((url) => /cluster-index\.worker/.test(url))).toHaveLength(1);
  const before = await count(page, 'data-drawn-count');

  // 100 more results: the index is kept (rebuilding it each poll is what a large run cannot
  // afford), and the new results are drawn as their own pins on top of the clusters.
  processed = 3100;
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect.poll(() => count(page, 'data-pin-count')).toBe(3100);
  expect(await count(page, 'data-drawn-count')).toBe(before + 100);

  // Within seconds the index takes them in, rebuilt by the same worker: they join the clusters.
  await expect
    .poll(() => count(page, 'data-drawn-count'), { timeout: 15_000 })
    .toBeLessThan(before + 100);
  expect(await count(page, 'data-cluster-count')).toBeGreaterThan(0);
  expect(workers.filter((url) => /cluster-index\.worker/.test(url))).toHaveLength(1);
});

test('a filter re-clusters the pins in a worker, the clusters in use shown meanwhile', async ({
  page,
}) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await openBigSession(page, '47,2,3');
  await expect.poll(async () => (await pixelsOf(page, VERY_NOISY)).count).toBeGreaterThan(100);

  await page
    .getByRole('group', { name: 'Filter by score band' })
    .getByRole('button', { name: /^Very Quiet/ })
    .click();
  await expect(resultsMap(page)).toHaveAttribute('data-visible-pin-count', '4989');
  // The index of the 4,989 Very Quiet pins is in: the cluster the Very Noisy one made red is
  // gone, and the pins are still grouped.
  await expect.poll(async () => (await pixelsOf(page, VERY_NOISY)).count).toBe(0);
  expect(await count(page, 'data-cluster-count')).toBeGreaterThan(0);
  expect(await count(page, 'data-drawn-count')).toBeLessThan(200);
  expect(workers.filter((url) => /cluster-index\.worker/.test(url))).toHaveLength(1);
});

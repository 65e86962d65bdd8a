import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { TEST_IDS } from '../src/lib/test-ids';
import { download, pinsShown, type PinPixelsWindow } from './helpers';

const KEY = 'demo-enterprise';
const land = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    lat: 45.5 + (i % 12) * 0.08,
    lng: 3 + Math.floor(i / 12) * 0.08,
  }));
const SEA = [{ lat: 35, lng: -40 }];

async function createSession(
  request: APIRequestContext,
  locations: { lat: number; lng: number }[],
) {
  const res = await request.post('/v2/session/new', {
    headers: { Authorization: KEY },
    data: { locations },
  });
  return ((await res.json()) as { session_id: string }).session_id;
}

async function useKey(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: /key/i }).click();
  await page.getByRole('textbox', { name: 'API key' }).fill(KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  // Poll every 2 s so the map visibly fills in.
  await page.evaluate(() => window.localStorage.setItem('quiet-score.poll-interval', '2000'));
}

const map = (page: Page) => page.getByTestId(TEST_IDS.resultsMap).locator('.leaflet-container');
const pinCount = async (page: Page) =>
  Number((await map(page).getAttribute('data-pin-count')) ?? 0);

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
/**
 * The painted pixels of the pins canvas, in page coordinates: how many fall inside each box, and
 * where their centre is.
 */
async function paintedPins(page: Page, boxes: Box[] = []) {
  await pinsShown(page);
  return page.locator('.leaflet-pins-pane canvas').evaluate((el, boxes) => {
    const canvas = el as HTMLCanvasElement;
    const rect = canvas.getBoundingClientRect();
    const scale = canvas.width / rect.width;
    const { data } = (window as unknown as PinPixelsWindow).pinPixels();
    const inside = boxes.map(() => 0);
    let count = 0;
    let sumX = 0;
    let sumY = 0;
    for (let i = 3; i < data.length; i += 4) {
      if (data[i] === 0) continue;
      const x = rect.x + ((i >> 2) % canvas.width) / scale;
      const y = rect.y + Math.floor((i >> 2) / canvas.width) / scale;
      count++;
      sumX += x;
      sumY += y;
      boxes.forEach((b, k) => {
        if (x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height) inside[k]!++;
      });
    }
    return { count, inside, centre: { x: sumX / count, y: sumY / count } };
  }, boxes);
}

test('pins appear as the session runs; the table, filters and exports agree', async ({
  page,
  request,
}) => {
  await useKey(page);
  const sessionId = await createSession(request, [...land(200), ...SEA]);
  await page.goto(`/sessions/${sessionId}`);

  // Filling in: some pins first, all of them at the end.
  await expect.poll(() => pinCount(page), { timeout: 20_000 }).toBeGreaterThan(0);
  const early = await pinCount(page);
  await expect(page.getByText('COMPLETED', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => pinCount(page)).toBe(201);
  expect(early).toBeLessThan(201);
  await expect(page.getByText('201 of 201 shown')).toBeVisible();
  // The table is windowed: a few dozen rows in the DOM, and scrolling to the end shows the last.
  const table = page.getByRole('table');
  expect(await table.locator('tbody tr:not([aria-hidden])').count()).toBeLessThan(60);
  await table.evaluate((t) => t.parentElement?.scrollTo({ top: t.parentElement.scrollHeight }));
  await expect(
    table.getByRole('row').filter({ has: page.getByRole('cell', { name: '201', exact: true }) }),
  ).toBeVisible();
  await table.evaluate((t) => t.parentElement?.scrollTo({ top: 0 }));
  // No cell's text spills into its neighbour, wide or narrow; when wide, the listing IDs and the
  // error fit unclipped (a clipped cell is a paint chunk of its own, re-layered every poll).
  const spilling = () =>
    table
      .locator('tbody td')
      .evaluateAll((cells) =>
        cells
          .filter(
            (td) => td.scrollWidth > td.clientWidth && getComputedStyle(td).overflowX === 'visible',
          )
          .map((td) => td.textContent),
      );
  const clipped = () =>
    table
      .locator('tbody td')
      .evaluateAll(
        (cells) => cells.filter((td) => getComputedStyle(td).overflowX !== 'visible').length,
      );
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 1400, height: viewport.height });
  expect(await spilling()).toEqual([]);
  expect(await clipped()).toBe(0);
  await page.setViewportSize({ width: 760, height: viewport.height });
  expect(await spilling()).toEqual([]);
  expect(await clipped()).toBeGreaterThan(0);
  await page.setViewportSize(viewport);
  // The legend's classes are painted in their swatches' colors (dots filled, the failed pin a
  // ring): pins are stamped from a sprite drawn once per look. (A class of a few pins may be
  // hidden under others at this zoom: the classes of 20 pins or more, and the lone failure.)
  const swatches = await page
    .getByTestId(TEST_IDS.resultsMap)
    .locator('ul li')
    .evaluateAll((items) =>
      items
        .filter((li) => {
          const count = Number(li.lastElementChild?.textContent);
          return count >= 20 || (count > 0 && /Failed/.test(li.textContent ?? ''));
        })
        .map((li) => {
          const style = getComputedStyle(li.firstElementChild as Element);
          const filled = style.backgroundColor !== 'rgba(0, 0, 0, 0)';
          const color = filled ? style.backgroundColor : style.borderTopColor;
          return (color.match(/\d+/g) ?? []).slice(0, 3).join(',');
        }),
    );
  await pinsShown(page);
  const solid = await page.evaluate(() => {
    const { data } = (window as unknown as PinPixelsWindow).pinPixels();
    const counts = new Map<string, number>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] !== 255) continue;
      const rgb = `${data[i]},${data[i + 1]},${data[i + 2]}`;
      counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
    }
    // A color a pin's body is painted in covers many pixels; anti-aliased edges, a few each.
    return [...counts].filter(([, n]) => n >= 10).map(([rgb]) => rgb);
  });
  expect(swatches).toHaveLength(2);
  for (const swatch of swatches) expect(solid, `legend color ${swatch}`).toContain(swatch);
  const chips = page.getByRole('group', { name: 'Filter by score band' });
  const chip = chips.getByRole('button').first();

  // Polls paint only their new pins; the result is the same as painting all of them at once
  // (a filter switched on and off redraws every pin).
  // Compared by a hash of every pixel (FNV-1a).
  const pinPixels = async () => {
    await pinsShown(page);
    return page.evaluate(() => {
      const { data } = (window as unknown as PinPixelsWindow).pinPixels();
      let hash = 2166136261;
      for (const byte of data) hash = Math.imul(hash ^ byte, 16777619);
      return hash;
    });
  };
  const painted = await pinPixels();
  await chip.click();
  await expect(map(page)).not.toHaveAttribute('data-visible-pin-count', '201');
  await chip.click();
  await expect(map(page)).toHaveAttribute('data-visible-pin-count', '201');
  expect(await pinPixels()).toBe(painted);

  // A band chip on the distribution filters map and table together.
  const level = (await chip.textContent())?.trim() ?? '';
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/band=/);
  const shown = page.getByText(/^\d+ of 201 shown$/);
  const n = Number((await shown.textContent())?.split(' ')[0]);
  expect(n).toBeLessThan(201);
  await expect(map(page)).toHaveAttribute('data-visible-pin-count', String(n));
  // The table is windowed: every row in view belongs to the band.
  const rows = page.getByRole('table').locator('tbody tr:not([aria-hidden])');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThanOrEqual(n);
  for (const text of await rows.locator('td:nth-child(4)').allTextContents())
    expect(text).toContain(level);

  // Exports contain exactly the filtered rows, parseable back.
  const csv = Papa.parse<Record<string, string>>((await download(page, 'Download CSV')).text, {
    header: true,
    skipEmptyLines: true,
  });
  expect(csv.data).toHaveLength(n);
  expect(csv.data.every((r) => r.quietness_level === level && r.status === 'success')).toBe(true);
  const geo = JSON.parse((await download(page, 'Download GeoJSON')).text) as {
    features: { properties: Record<string, unknown> }[];
  };
  expect(geo.features).toHaveLength(n);

  // Failed locations export: the sea point.
  await chip.click();
  await page.getByLabel('Status').selectOption('failed');
  await expect(rows).toHaveCount(1);
  expect((await download(page, 'Failed locations CSV')).text.trim()).toBe('lat,lng\r\n35,-40');

  // Reloading keeps the filters (they live in the URL).
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('failed');
  await expect(rows).toHaveCount(1);
});

test('the map fits every pin clear of its legend and its "Fit all" button', async ({
  page,
  request,
}) => {
  await useKey(page);
  // The sea point is the south-west corner of the fit, where the legend sits. The page opens once
  // the session has ended, so the first answer, which the map fits, holds every result.
  const sessionId = await createSession(request, [...SEA, ...land(24)]);
  await expect
    .poll(
      async () => {
        const res = await request.get(`/v2/session/status?session_id=${sessionId}`, {
          headers: { Authorization: KEY },
        });
        return ((await res.json()) as { status: string }).status;
      },
      { timeout: 20_000 },
    )
    .toBe('COMPLETED');
  await page.goto(`/sessions/${sessionId}`);
  await expect.poll(() => pinCount(page)).toBe(25);
  await map(page).scrollIntoViewIfNeeded();
  const legend = await page
    .getByTestId(TEST_IDS.resultsMap)
    .getByText('Quiet Score', { exact: true })
    .locator('..')
    .boundingBox();
  const fitAll = await page.getByRole('button', { name: 'Fit all' }).boundingBox();
  if (!legend || !fitAll) throw new Error('no overlays');
  const pixels = await paintedPins(page, [legend, fitAll]);
  expect(pixels.count).toBeGreaterThan(0);
  expect(pixels.inside).toEqual([0, 0]);
});

test('open details from a pin and from a deep link; delete the listing', async ({
  page,
  request,
}) => {
  await useKey(page);
  const sessionId = await createSession(request, [{ lat: 48.8566, lng: 2.3522 }]);
  await page.goto(`/sessions/${sessionId}`);
  await expect(page.getByText('COMPLETED', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => pinCount(page)).toBe(1);

  // A click where the only pin is drawn opens it.
  await map(page).scrollIntoViewIfNeeded();
  const { centre } = await paintedPins(page);
  await page.mouse.click(centre.x, centre.y);
  const details = page.getByRole('complementary', { name: 'Listing details' });
  await expect(details).toBeVisible();
  await expect(page).toHaveURL(/listing=[0-9a-f-]{36}/);
  await expect(details.getByRole('heading', { name: 'Day and night' })).toBeVisible();
  await expect(details.getByText(/Paris, FR/)).toBeVisible();
  await expect(details.getByText(/^≈ [\d.]+ dBA$/).first()).toBeVisible();

  // Deep link: a reload opens the same listing.
  const url = page.url();
  await page.goto(url);
  await expect(
    page.getByRole('complementary', { name: 'Listing details' }).getByText(/Paris, FR/),
  ).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: 'Listing details' })).toBeHidden();
  await page.goto(url);

  await page.getByRole('button', { name: 'Delete listing…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this listing?' });
  await expect(dialog.getByText('Your plan allows unlimited deletions.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete listing' }).click();
  await expect(
    page
      .getByRole('complementary', { name: 'Listing details' })
      .getByText('Deleted', { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('table').getByRole('cell', { name: 'deleted' })).toBeVisible();
  // The legend counts the listing once: as deleted, not also in its band (1 of 1, not 2).
  const legend = page.getByText('Quiet Score', { exact: true }).locator('..');
  const counts = await legend.locator('li span.tabular-nums').allTextContents();
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(1);
  await expect(legend.getByText('Deleted')).toBeVisible();
  const stats = await request.get('/v2/listings/stats', { headers: { Authorization: KEY } });
  expect(
    ((await stats.json()) as { deletions_count: number }).deletions_count,
  ).toBeGreaterThanOrEqual(1);

  await page.screenshot({
    path: 'test-results/details.png',
    fullPage: true,
    animations: 'disabled',
  });
});

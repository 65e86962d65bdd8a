import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createSession, patchAppConfig, pinCount, resultsMap, useKey, type Point } from './helpers';

const KEY = 'demo-enterprise';

/** `n` points around a place, on land. */
const around = (lat: number, lng: number, n: number): Point[] =>
  Array.from({ length: n }, (_, i) => ({
    lat: lat + (i % 5) * 0.01,
    lng: lng + Math.floor(i / 5) * 0.01,
  }));
/** Paris first, then places far away: later polls bring pins outside the first view. */
const FAR_APART = [
  ...around(48.85, 2.35, 25),
  ...around(40.71, -74.0, 25),
  ...around(35.68, 139.69, 25),
  ...around(-33.87, 151.2, 25),
];

async function view(page: Page) {
  const raw = await resultsMap(page).getAttribute('data-view');
  const [s, w, n, e] = (raw ?? '').split(',').map(Number) as [number, number, number, number];
  return { s, w, n, e, raw };
}
const inside = (v: { s: number; w: number; n: number; e: number }, points: Point[]) =>
  points.every((p) => p.lat >= v.s && p.lat <= v.n && p.lng >= v.w && p.lng <= v.e);

test('the view follows results into far-apart places until the user takes the map; "Fit all" resumes', async ({
  page,
  request,
}) => {
  const id = await createSession(
    request,
    [...FAR_APART, ...FAR_APART.map((p) => ({ lat: p.lat + 0.3, lng: p.lng + 0.3 }))],
    KEY,
  );
  await useKey(page, KEY, 2000);
  await page.goto(`/sessions/${id}`);
  // Several polls bring pins from four continents; each ends inside the view.
  await expect.poll(() => pinCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(60);
  await expect
    .poll(async () => inside(await view(page), FAR_APART.slice(0, 60)), { timeout: 10_000 })
    .toBe(true);

  // The user pans: the next polls leave the view alone, and the URL keeps it.
  await resultsMap(page).scrollIntoViewIfNeeded();
  const box = await resultsMap(page).boundingBox();
  if (!box) throw new Error('no map');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 5 });
  // A held drag, not a flick: Leaflet glides on after a flick (inertia) and reports the view
  // only when the glide ends, seconds later.
  await page.waitForTimeout(150);
  await page.mouse.up();
  await expect(page).toHaveURL(/[?&]view=-?[\d.]+,-?[\d.]+,\d+/);
  await expect(page.locator('.leaflet-pan-anim')).toHaveCount(0);
  const taken = (await view(page)).raw;
  const before = await pinCount(page);
  await expect.poll(() => pinCount(page), { timeout: 30_000 }).toBeGreaterThan(before);
  await page.waitForTimeout(500);
  expect((await view(page)).raw).toBe(taken);

  // "Fit all" fits every pin and follows again; the view leaves the URL.
  await page.getByRole('button', { name: 'Fit all' }).click();
  await expect.poll(() => pinCount(page), { timeout: 30_000 }).toBe(200);
  const all = [...FAR_APART, ...FAR_APART.map((p) => ({ lat: p.lat + 0.3, lng: p.lng + 0.3 }))];
  await expect.poll(async () => inside(await view(page), all), { timeout: 10_000 }).toBe(true);
  await expect(page).not.toHaveURL(/view=/);
});

test('a link with ?view= opens on that view; a malformed one is ignored and the map fits', async ({
  page,
  request,
}) => {
  const id = await createSession(request, around(48.85, 2.35, 10), KEY);
  await useKey(page, KEY);
  await page.goto(`/sessions/${id}?view=10,20,5`);
  await expect(resultsMap(page)).toHaveAttribute('data-zoom', '5');
  const v = await view(page);
  expect((v.s + v.n) / 2).toBeCloseTo(10, 0);
  expect((v.w + v.e) / 2).toBeCloseTo(20, 0);
  await expect.poll(() => pinCount(page)).toBe(10);
  await page.waitForTimeout(500);
  expect(await resultsMap(page).getAttribute('data-zoom')).toBe('5');

  await page.goto(`/sessions/${id}?view=not,a,view`);
  await expect.poll(() => pinCount(page)).toBe(10);
  await expect.poll(async () => inside(await view(page), around(48.85, 2.35, 10))).toBe(true);
});

test('tiles that fail switch the map to the offline basemap, and no more tiles are asked for', async ({
  page,
  request,
  baseURL,
}) => {
  const id = await createSession(request, around(48.85, 2.35, 5), KEY);
  let tileRequests = 0;
  await page.route('**/tile-test/**', (route) => {
    tileRequests++;
    return route.abort('connectionrefused');
  });
  await patchAppConfig(page, {
    tileUrl: `${baseURL}/tile-test/{z}/{x}/{y}.png`,
    tileAttribution: 'Test tiles',
  });
  await useKey(page, KEY);
  await page.goto(`/sessions/${id}`);
  await expect(
    page.getByRole('status').filter({ hasText: 'Map tiles could not be loaded' }),
  ).toBeVisible();
  await expect(resultsMap(page).locator('.leaflet-tile-pane img')).toHaveCount(0);
  // The view is the offline map's fit, however close it came while tiles were expected.
  await expect(resultsMap(page)).toHaveAttribute('data-zoom', '10');
  const asked = tileRequests;
  expect(asked).toBeGreaterThanOrEqual(3);
  // Moving the map asks for nothing more.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.waitForTimeout(1000);
  expect(tileRequests).toBe(asked);
});

test('over a street map the fit comes close to listings a street apart; offline it stops at a region', async ({
  page,
  request,
  baseURL,
}) => {
  // Three listings within 300 m of each other.
  const near = [
    { lat: 48.85, lng: 2.35 },
    { lat: 48.851, lng: 2.351 },
    { lat: 48.852, lng: 2.353 },
  ];
  const id = await createSession(request, near, KEY);
  await useKey(page, KEY);
  await page.goto(`/sessions/${id}`);
  await expect.poll(() => pinCount(page)).toBe(3);
  await expect(resultsMap(page)).toHaveAttribute('data-zoom', '10');

  // Tiles that load: a street map.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );
  await page.route('**/tile-test/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: png }),
  );
  await patchAppConfig(page, {
    tileUrl: `${baseURL}/tile-test/{z}/{x}/{y}.png`,
    tileAttribution: 'Test tiles',
  });
  await page.goto(`/sessions/${id}`);
  await expect.poll(() => pinCount(page)).toBe(3);
  await expect(resultsMap(page)).toHaveAttribute('data-zoom', '15');
  await expect.poll(async () => inside(await view(page), near)).toBe(true);
  // "Fit all" after zooming out comes back as close.
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect(resultsMap(page)).toHaveAttribute('data-zoom', '14');
  await page.getByRole('button', { name: 'Fit all' }).click();
  await expect(resultsMap(page)).toHaveAttribute('data-zoom', '15');
});

test.describe('on a phone (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('no route scrolls sideways, and a listing opens as a sheet over the screen', async ({
    page,
    request,
  }) => {
    const id = await createSession(request, around(48.85, 2.35, 8), KEY);
    await useKey(page, KEY);
    for (const path of ['/', `/sessions/${id}`, '/sessions/new', '/account', '/no/such/page']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBe(0);
    }
    await page.goto(`/sessions/${id}`);
    await expect.poll(() => pinCount(page)).toBe(8);
    const open = page.getByRole('row').nth(1).getByRole('button').first();
    await open.scrollIntoViewIfNeeded();
    await open.click();
    const details = page.getByRole('complementary', { name: 'Listing details' });
    await expect(details).toBeInViewport();
    const sheet = await details.evaluate((el) => {
      const box = el.closest('.max-lg\\:fixed')?.getBoundingClientRect();
      return box ? { bottom: Math.round(box.bottom), height: window.innerHeight } : null;
    });
    expect(sheet?.bottom).toBe(sheet?.height);
  });

  test('nor on the narrowest phones (320 px)', async ({ page, request }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    const id = await createSession(request, around(48.85, 2.35, 8), KEY);
    await useKey(page, KEY);
    for (const path of ['/', `/sessions/${id}`, '/sessions/new', '/account', '/no/such/page']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      // The usage chip is in the header once its answer is in.
      await expect(page.getByRole('link', { name: /calls$/ })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBe(0);
    }
  });

  test('the map fits pins on four continents on a phone', async ({ page, request }) => {
    const id = await createSession(request, FAR_APART, KEY);
    await useKey(page, KEY);
    await page.goto(`/sessions/${id}`);
    await expect.poll(() => pinCount(page), { timeout: 20_000 }).toBe(FAR_APART.length);
    await expect.poll(async () => inside(await view(page), FAR_APART)).toBe(true);
  });
});

test('pins on the same spot are all reachable from the map, by pointer and by keyboard', async ({
  page,
  request,
}) => {
  // Two listings a metre apart (distinct at 6 decimals, one pixel at any fitted zoom), and a third.
  const a = { lat: 48.85, lng: 2.35 };
  const b = { lat: 48.85001, lng: 2.35001 };
  const id = await createSession(request, [a, b, { lat: 48.9, lng: 2.45 }], KEY);
  await useKey(page, KEY);
  await page.goto(`/sessions/${id}`);
  await expect.poll(() => pinCount(page)).toBe(3);
  await resultsMap(page).scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);

  const merc = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const clickPoint = async (p: Point) => {
    const v = await view(page);
    const box = await resultsMap(page).boundingBox();
    if (!box) throw new Error('no map');
    await page.mouse.click(
      box.x + ((p.lng - v.w) / (v.e - v.w)) * box.width,
      box.y + ((merc(v.n) - merc(p.lat)) / (merc(v.n) - merc(v.s))) * box.height,
    );
  };
  const chooser = page.getByRole('group', { name: '2 locations here' });

  await clickPoint(a);
  await expect(chooser).toBeVisible();
  const choices = chooser.getByRole('button', { name: /^#/ });
  await expect(choices).toHaveCount(2);
  await expect(choices.first()).toBeFocused();
  // Keyboard: Tab to the second, Enter opens it.
  await page.keyboard.press('Tab');
  await expect(choices.nth(1)).toBeFocused();
  const secondChoice = (await choices.nth(1).textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(chooser).toBeHidden();
  await expect(page).toHaveURL(/listing=/);
  const second = new URL(page.url()).searchParams.get('listing');
  // The details narrow the map: the view it reports follows its new size.
  await expect(page.getByRole('complementary', { name: 'Listing details' })).toBeVisible();
  await page.waitForTimeout(300);

  // Escape closes the list without choosing; the pointer chooses the other one.
  await clickPoint(a);
  await expect(chooser).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(chooser).toBeHidden();
  // Escape closed the list only: the details stay open.
  await expect(page.getByRole('complementary', { name: 'Listing details' })).toBeVisible();
  await clickPoint(a);
  // The list's order follows where the click fell: choose the one not open.
  await chooser.getByRole('button', { name: /^#/ }).filter({ hasNotText: secondChoice }).click();
  await expect(page).not.toHaveURL(new RegExp(`listing=${second}`));
  const first = new URL(page.url()).searchParams.get('listing');
  expect(first).toBeTruthy();
  expect(first).not.toBe(second);
});

test('the map downloads as a PNG of its size, with the legend and the session in it', async ({
  page,
  request,
}) => {
  const id = await createSession(request, around(48.85, 2.35, 10), KEY);
  await useKey(page, KEY);
  await page.goto(`/sessions/${id}`);
  await expect.poll(() => pinCount(page)).toBe(10);
  // The offline basemap's tiles are drawn in idle time: land in the middle of its canvas.
  const basemap = resultsMap(page).locator('.leaflet-basemap-pane canvas');
  await expect(basemap).toHaveCount(1);
  await expect
    .poll(() =>
      basemap.evaluate((c: HTMLCanvasElement) => {
        const copy = document.createElement('canvas');
        copy.width = c.width;
        copy.height = c.height;
        const ctx = copy.getContext('2d')!;
        ctx.drawImage(c, 0, 0);
        return ctx.getImageData(c.width / 2, c.height / 2, 1, 1).data[3];
      }),
    )
    .toBe(255);
  const box = await resultsMap(page).boundingBox();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PNG' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`quiet-score-map-${id}.png`);
  const bytes = fs.readFileSync(await file.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  // IHDR: width and height, big-endian, at bytes 16–23 (device pixel ratio 1 here).
  expect(bytes.readUInt32BE(16)).toBe(Math.round(box?.width ?? 0));
  expect(bytes.readUInt32BE(20)).toBe(Math.round(box?.height ?? 0));
  // The legend's first swatch (Very Quiet, #4575b4) is painted where the legend is drawn.
  const pixels = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const rows = 6;
    const top = image.height - 24 - (24 + rows * 16);
    return {
      swatch: [...ctx.getImageData(22, top + 24 + 8, 1, 1).data.slice(0, 3)],
      // Right of the pins, above the attribution: central Paris, on land.
      ground: [...ctx.getImageData(image.width - 30, image.height / 2, 1, 1).data.slice(0, 3)],
    };
  }, bytes.toString('base64'));
  expect(pixels.swatch).toEqual([0x45, 0x75, 0xb4]);
  // The basemap's land color (light theme), not the sea's the image is filled with.
  expect(pixels.ground).toEqual([0xf4, 0xf1, 0xea]);
});

test('a scale bar; at street zoom the offline map says it has no streets and what to set', async ({
  page,
  request,
}) => {
  const id = await createSession(request, [{ lat: 48.85, lng: 2.35 }], KEY);
  await useKey(page, KEY);
  await page.goto(`/sessions/${id}?view=48.85,2.35,8`);
  await expect(page.locator('.leaflet-control-scale-line').first()).toBeVisible();
  const noStreets = page.getByText(/The offline map has no streets\. .*TILE_URL/);
  await expect(noStreets).toBeHidden();
  await page.goto(`/sessions/${id}?view=48.85,2.35,13`);
  await expect(noStreets).toBeVisible();
});

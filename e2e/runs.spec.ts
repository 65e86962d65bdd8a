import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createSession, download, useKey } from './helpers';

const KEY = 'demo-enterprise';

/** 1,200 distinct points on land in the south of France, as "lat,lng" lines. */
const portfolio = (n = 1200) =>
  Array.from({ length: n }, (_, i) =>
    [(43.6 + (i % 40) * 0.02).toFixed(4), (1 + Math.floor(i / 40) * 0.02).toFixed(4)].join(','),
  );

/** Status requests the page makes, counted from now. */
function countStatusCalls(page: Page) {
  const counter = { n: 0 };
  page.on('request', (r) => {
    if (r.url().includes('/v2/session/status')) counter.n++;
  });
  return counter;
}

const sessionsTable = (page: Page) => page.getByRole('table', { name: 'The run’s sessions' });

test('1,200 pasted locations: one run of 3 sessions, watched to the end, one CSV', async ({
  page,
}) => {
  await useKey(page, KEY);
  await page.goto('/sessions/new');
  await page.getByRole('textbox', { name: /Paste coordinates/ }).fill(portfolio().join('\n'));
  await page.getByRole('button', { name: 'Create a run of 3 sessions' }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  await expect(sessionsTable(page).getByRole('link')).toHaveCount(3, { timeout: 20_000 });
  await expect(page.getByText('Every session has finished')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText('1200 / 1200', { exact: true })).toBeVisible();

  const csv = await download(page, 'Download CSV');
  const lines = csv.text.trim().split(/\r?\n/);
  expect(lines[0]?.startsWith('session_id,input_row,')).toBe(true);
  expect(lines).toHaveLength(1201);
  // Every input row once, each from one of the run's three sessions.
  const rows = new Set(lines.slice(1).map((l) => l.split(',')[1]));
  expect(rows.size).toBe(1200);
  const sessions = new Set(lines.slice(1).map((l) => l.split(',')[0]));
  expect(sessions.size).toBe(3);

  // Reopened: every session is read from this browser, none is asked for again.
  const calls = countStatusCalls(page);
  await page.reload();
  await expect(page.getByText('Every session has finished')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('1200 / 1200', { exact: true })).toBeVisible();
  await page.waitForTimeout(3_000);
  expect(calls.n).toBe(0);

  // The start page lists it, and opens it again.
  const runUrl = page.url();
  await page.goto('/');
  await page.getByRole('link', { name: '1200 locations' }).click();
  await expect(page).toHaveURL(runUrl);
});

test('a reload during submission resumes where it stopped, without a duplicate', async ({
  page,
}) => {
  await useKey(page, KEY);
  // The second session's creation is still on its way when the page reloads.
  let creations = 0;
  let reloaded = false;
  await page.route('**/v2/session/new', async (route) => {
    creations++;
    if (creations === 2 && !reloaded) {
      reloaded = true;
      void page.reload();
      return route.abort();
    }
    return route.continue();
  });
  await page.goto('/sessions/new');
  await page.getByRole('textbox', { name: /Paste coordinates/ }).fill(portfolio().join('\n'));
  await page.getByRole('button', { name: 'Create a run of 3 sessions' }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  await expect(page.getByText('All 3 chunks handled: 3 sessions created.')).toBeVisible({
    timeout: 30_000,
  });
  expect(reloaded).toBe(true);
  const ids = await sessionsTable(page).getByRole('link').allTextContents();
  expect(new Set(ids).size).toBe(3);
  // Three sessions of 500 + 500 + 200: each chunk once.
  await expect(page.getByText('/ 1200', { exact: false }).first()).toBeVisible();
  await expect(sessionsTable(page).getByText('/ 200')).toHaveCount(1);
  await expect(sessionsTable(page).getByText('/ 500')).toHaveCount(2);
});

test('a second tab follows the submitting one and takes over when it is closed', async ({
  page,
  context,
}) => {
  await useKey(page, KEY);
  // The first tab's second creation never leaves the browser: the tab is closed while it waits.
  let creations = 0;
  await page.route('**/v2/session/new', async (route) => {
    if (++creations === 2) return;
    return route.continue();
  });
  await page.goto('/sessions/new');
  await page.getByRole('textbox', { name: /Paste coordinates/ }).fill(portfolio().join('\n'));
  await page.getByRole('button', { name: 'Create a run of 3 sessions' }).click();
  await expect(page.getByText('Submitting 2 of 3…')).toBeVisible({ timeout: 30_000 });

  const second = await context.newPage();
  await useKey(second, KEY);
  await second.goto(page.url());
  await expect(
    second.getByText(/^Another tab is submitting this run \(2 chunks left\)/),
  ).toBeVisible();
  await expect(second.getByRole('button', { name: 'Cancel the rest' })).toHaveCount(0);
  await page.close();

  await expect(second.getByText('All 3 chunks handled: 3 sessions created.')).toBeVisible({
    timeout: 30_000,
  });
  const ids = await sessionsTable(second).getByRole('link').allTextContents();
  expect(new Set(ids).size).toBe(3);
  await expect(sessionsTable(second).getByText('/ 200')).toHaveCount(1);
  await expect(sessionsTable(second).getByText('/ 500')).toHaveCount(2);
});

test('a run link with an unknown session and a garbage ID shows the rest', async ({
  page,
  request,
}) => {
  const known = await createSession(request, [
    { lat: 48.85, lng: 2.35 },
    { lat: 45.76, lng: 4.84 },
  ]);
  await useKey(page, KEY);
  await page.goto(`/runs/view?sessions=${known},sess_doesnotexist,b@d!&name=Mixed`);
  await expect(page.getByRole('heading', { name: 'Mixed', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Left out, not session IDs: “b@d!”');
  const unknown = sessionsTable(page).locator('tr', { hasText: 'sess_doesnotexist' });
  await expect(unknown).toContainText('Not found', { timeout: 20_000 });
  const ok = sessionsTable(page).locator('tr', { hasText: known });
  await expect(ok).toContainText('2 / 2', { timeout: 30_000 });
  await expect(page.getByText('2 of 2 shown')).toBeVisible();

  // No axe violation on the run page, light and dark, errors and all.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // The buttons' color transitions (150 ms) end first.
    await page.waitForTimeout(400);
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map(
        (v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  }
});

test('more than 200 sessions in one link is refused with a clear message', async ({ page }) => {
  await useKey(page, KEY);
  const ids = Array.from({ length: 201 }, (_, i) => `sess_${i}`).join(',');
  await page.goto(`/runs/view?sessions=${ids}`);
  await expect(page.getByRole('heading', { name: 'Too many sessions' })).toBeVisible();
  await expect(page.getByText(/at most 200 sessions; this one lists 201/)).toBeVisible();
});

test('several IDs pasted on the start page open them as one run', async ({ page, request }) => {
  const a = await createSession(request, [{ lat: 48.85, lng: 2.35 }]);
  const b = await createSession(request, [{ lat: 45.76, lng: 4.84 }]);
  await useKey(page, KEY);
  // Pasted as lines (a one-line field would run them together).
  await page.getByRole('textbox', { name: /Session ID, link or JSON/ }).evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, `${a}\n${b}\n`);
  await page.getByRole('button', { name: 'Open session' }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/view\\?sessions=${a},${b}`));
  await expect(sessionsTable(page).getByRole('link')).toHaveCount(2);

  // "Add sessions": checked first, then added to the run's link.
  const add = page.getByRole('textbox', { name: 'Add sessions to this run (IDs or links)' });
  await add.fill(`${a} not-an-id!`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Not session IDs: “not-an-id!”.');
  const c = await createSession(request, [{ lat: 43.6, lng: 1.44 }]);
  await add.fill(c);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/view\\?sessions=${a},${b},${c}`));
  await expect(sessionsTable(page).getByRole('link')).toHaveCount(3);
  await expect(page.getByText('3 of 3 shown')).toBeVisible({ timeout: 20_000 });
});

test('a run opens without moving: its cards take the room their placeholders held', async ({
  page,
  request,
}) => {
  const points = (lat: number) =>
    Array.from({ length: 30 }, (_, i) => ({ lat: lat + (i % 6) * 0.01, lng: 4 + i * 0.01 }));
  const ids = [await createSession(request, points(45)), await createSession(request, points(46))];
  await useKey(page, KEY);
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number })[])
        (window as unknown as { shifts: number }).shifts += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // Four cards in a row, two rows of two (from 768 px), one column; a header on one line, on
  // one line only without the usage chip, on two.
  for (const width of [1350, 1100, 820, 412]) {
    await page.setViewportSize({ width, height: 940 });
    await page.goto(`/runs/view?sessions=${ids.join(',')}&name=Still`);
    await expect(sessionsTable(page).getByText('30 / 30')).toHaveCount(2, { timeout: 30_000 });
    await expect(page.getByText('60 of 60 shown')).toBeVisible();
    await page.waitForTimeout(500);
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
    expect(shifts, `${width} px`).toBeLessThan(0.02);
  }
});

test('what is off screen follows the polls once they settle; in view, at once', async ({
  page,
  request,
}) => {
  const points = portfolio(600).map((line) => {
    const [lat, lng] = line.split(',').map(Number);
    return { lat: lat as number, lng: lng as number };
  });
  const ids = [
    await createSession(request, points.slice(0, 300)),
    await createSession(request, points.slice(300)),
  ];
  await useKey(page, KEY, 1000);
  // Two frames after each poll shows in the run's count, in the page: the map's pins and the
  // gauge's and the sessions' counts. At the first poll the map (below the fold) has not taken
  // in yet, the map is scrolled into view and must show it at once, well before a settled
  // poll's wait; from then on the map keeps up, and the cards and sessions (now off screen) lag.
  await page.addInitScript(() => {
    const seen = {
      mapLagged: 0,
      caughtUpMs: -1,
      mapLaggedInView: 0,
      cardsLagged: 0,
      sessionsLagged: 0,
    };
    (window as unknown as { seen: typeof seen }).seen = seen;
    const frames = (n: number) =>
      new Promise<void>((r) => {
        const step = (k: number) => requestAnimationFrame(() => (k <= 1 ? r() : step(k - 1)));
        step(n);
      });
    new MutationObserver(() => {
      void frames(2).then(async () => {
        const run = document.querySelector<HTMLElement>('[data-run-processed]');
        const map = document.querySelector<HTMLElement>('.leaflet-container[data-pin-count]');
        const gauge = document.querySelector('[aria-valuetext]')?.getAttribute('aria-valuetext');
        if (!run || !map || !gauge) return;
        const processed = () => Number(run.dataset.runProcessed);
        const pins = () => Number(map.dataset.pinCount);
        if (seen.caughtUpMs === -1) {
          if (pins() >= processed()) return;
          seen.mapLagged++;
          seen.caughtUpMs = 0;
          const from = performance.now();
          map.scrollIntoView({ block: 'start' });
          while (pins() < processed() && performance.now() - from < 150) await frames(1);
          seen.caughtUpMs = pins() >= processed() ? performance.now() - from : Infinity;
          return;
        }
        if (pins() < processed()) seen.mapLaggedInView++;
        if (Number(/^(\d+) of/.exec(gauge)?.[1]) < processed()) seen.cardsLagged++;
        const rows = [...document.querySelectorAll('[data-run-session] td:nth-child(3)')];
        const listed = rows.reduce((sum, td) => sum + parseInt(td.textContent ?? '', 10), 0);
        if (listed < processed()) seen.sessionsLagged++;
      });
    }).observe(document, { subtree: true, attributeFilter: ['data-run-processed'] });
  });
  await page.goto(`/runs/view?sessions=${ids.join(',')}&name=Watched`);
  await expect(page.getByText('Every session has finished')).toBeVisible({ timeout: 45_000 });
  const seen = await page.evaluate(
    () => (window as unknown as { seen: Record<string, number> }).seen,
  );
  expect(seen).toMatchObject({ mapLagged: 1, mapLaggedInView: 0 });
  expect(seen.caughtUpMs).toBeLessThan(150);
  expect(seen.cardsLagged).toBeGreaterThan(0);
  expect(seen.sessionsLagged).toBeGreaterThan(0);
  // Settled, every part shows the whole run, the cards off screen included.
  await expect(page.locator('.leaflet-container')).toHaveAttribute('data-pin-count', '600');
  await expect(page.locator('[aria-valuetext]').first()).toHaveAttribute(
    'aria-valuetext',
    /^600 of 600 processed/,
  );
  await expect(sessionsTable(page).getByText('300 / 300')).toHaveCount(2);
});

import { expect, test } from '@playwright/test';
import { createSession, openFinishedSession, useKey } from './helpers';

const KEY = 'demo-insight';
const POINTS = [
  ...Array.from({ length: 5 }, (_, i) => ({ lat: 45.7 + i * 0.02, lng: 4.8 + i * 0.02 })),
  { lat: 35, lng: -40 },
];

test('Previous/Next do not fill the history; the counter never claims a place it has not', async ({
  page,
  request,
}) => {
  const id = await createSession(request, POINTS, KEY);
  await openFinishedSession(page, id, KEY);
  await page.getByRole('row').nth(1).getByRole('button').first().click();
  const details = page.getByRole('complementary', { name: 'Listing details' });
  await expect(details.getByText('1 / 6')).toBeVisible();
  await details.getByRole('button', { name: /Next location/ }).click();
  await details.getByRole('button', { name: /Next location/ }).click();
  await expect(details.getByText('3 / 6')).toBeVisible();
  // One Back closes the details: Next replaced the entry instead of adding one per listing.
  await page.goBack();
  await expect(page).not.toHaveURL(/listing=/);
  await expect(details).toBeHidden();

  // The failed location open, then filtered out of the table: the counter says so.
  await page.getByRole('row').nth(6).getByRole('button').first().click();
  await expect(details.getByText('6 / 6')).toBeVisible();
  await page.getByLabel('Status').selectOption('success');
  await expect(details.getByText('not among the 5 shown')).toBeVisible();
  await details.getByRole('button', { name: /Next location/ }).click();
  await expect(details.getByText('1 / 5')).toBeVisible();
});

test("a search for the field's own example finds the places near it", async ({ page, request }) => {
  const id = await createSession(
    request,
    [
      { lat: 48.854, lng: 2.346 },
      { lat: 48.8566, lng: 2.3522 },
      { lat: 45.76, lng: 4.84 },
    ],
    KEY,
  );
  await openFinishedSession(page, id, KEY);
  await page.getByLabel('Search listing ID or coordinates').fill('48.85, 2.35');
  await expect(page.getByText('2 of 3 shown')).toBeVisible();
  await page.getByLabel('Search listing ID or coordinates').fill('12.34, 56.78');
  await expect(page.getByText('No result matches these filters.')).toBeVisible();
});

test('a listing deleted elsewhere: its details report the new listing, and it is marked', async ({
  page,
  request,
}) => {
  const id = await createSession(request, POINTS.slice(0, 3), KEY);
  let results: { status: string; listing_id?: string }[] = [];
  await expect
    .poll(async () => {
      const res = await request.get(`/v2/session/status?session_id=${id}`, {
        headers: { Authorization: KEY },
      });
      const body = (await res.json()) as { status: string; results: typeof results };
      results = body.results;
      return body.status;
    })
    .toBe('COMPLETED');
  const gone = results[1]?.listing_id as string;
  // Another browser (or a teammate) deletes the second result's listing.
  const deleted = await request.delete(`/v2/listings/${gone}`, { headers: { Authorization: KEY } });
  expect(deleted.ok()).toBe(true);

  await openFinishedSession(page, id, KEY);
  const row = page.getByRole('row').nth(2);
  await row.getByRole('button').first().click();
  const details = page.getByRole('complementary', { name: 'Listing details' });
  const note = details.getByRole('note');
  await expect(note).toContainText('A new listing was created in its place.');
  const newId = (await note.locator('.font-mono').textContent())?.trim() ?? '';
  expect(newId).toMatch(/^[0-9a-f-]{36}$/);
  expect(newId).not.toBe(gone);
  await expect(details.getByText('Deleted', { exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'deleted' })).toBeVisible();
  // Opened again after a reload: said again, and not looked up again.
  let lookups = 0;
  page.on('request', (r) => {
    if (r.url().includes('/v2/listing/quietness')) lookups++;
  });
  await page.reload();
  await expect(details.getByRole('note')).toContainText(newId);
  expect(lookups).toBe(0);
});

test('focus: Open session lands on the heading; Next keeps it; closing returns it to the row', async ({
  page,
  request,
}) => {
  const id = await createSession(request, POINTS, KEY);
  await useKey(page, KEY);
  await page.getByLabel('Session ID, link or JSON').fill(id);
  await page.getByRole('button', { name: 'Open session' }).click();
  await expect(page.getByRole('heading', { name: 'Session', level: 1 })).toBeFocused();
  await expect(page.getByText('COMPLETED', { exact: true })).toBeVisible({ timeout: 30_000 });

  // Keyboard: a row's button opens the details, which take focus.
  const opener = page.getByRole('row').nth(2).getByRole('button').first();
  await opener.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('complementary', { name: 'Listing details' });
  await expect(details).toBeFocused();
  const next = details.getByRole('button', { name: /Next location/ });
  await next.click();
  await expect(details.getByText('3 / 6')).toBeVisible();
  await expect(next).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(opener).toBeFocused();

  // The map names itself and sends the keyboard to the table.
  const map = page.locator('.leaflet-container');
  await expect(map).toHaveAttribute('aria-label', /Results map, 6 locations\. Press T/);
  await map.focus();
  await page.keyboard.press('t');
  await expect(page.getByRole('row').nth(1).getByRole('button').first()).toBeFocused();
});

test('"Notify me" says when the browser blocks notifications; the end moves nothing', async ({
  page,
  request,
}) => {
  // A session still running when the page opens, then ending while it is watched.
  const many = Array.from({ length: 60 }, (_, i) => ({
    lat: +(45 + (i % 10) * 0.02).toFixed(4),
    lng: +(4.5 + Math.floor(i / 10) * 0.02).toFixed(4),
  }));
  const id = await createSession(request, many, KEY);
  await useKey(page, KEY, 2000);
  await page.context().clearPermissions();
  await page.addInitScript(() => {
    // As a browser whose user said no: the permission reads "denied".
    Object.defineProperty(Notification, 'permission', { get: () => 'denied' });
    Notification.requestPermission = async () => 'denied';
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number })[])
        (window as unknown as { shifts: number }).shifts += e.value;
    }).observe({ type: 'layout-shift', buffered: false });
  });
  await page.goto(`/sessions/${id}`);
  await expect(page.getByText(/blocks notifications from this site/)).toBeVisible();
  await expect(page.getByText('PROCESSING', { exact: true })).toBeVisible();
  const before = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
  await expect(page.getByText('COMPLETED', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('The session has finished.')).toBeVisible();
  await page.waitForTimeout(500);
  const after = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
  expect(after - before).toBeLessThan(0.02);
});

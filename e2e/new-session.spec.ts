import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { download } from './helpers';

async function useKey(page: Page, key: string) {
  await page.goto('/');
  await page.getByRole('button', { name: /key/i }).click();
  await page.getByRole('textbox', { name: 'API key' }).fill(key);
  await page.getByRole('button', { name: 'Save key' }).click();
}

const csvFile = (name: string, content: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(content),
});

test('upload a CSV with three broken rows, drop them, submit, and watch the session complete', async ({
  page,
}) => {
  await useKey(page, 'demo-intelligence');
  await page.goto('/sessions/new');
  const csv = [
    'name,Latitude,Longitude',
    'Paris,48.8566,2.3522',
    'Nowhere,north,2.0',
    'Berlin,52.52,13.405',
    'Swapped,120,45',
    'Empty,,10',
    'Madrid,40.4168,-3.7038',
  ].join('\n');
  await page.getByLabel(/choose a CSV or GeoJSON file/).setInputFiles(csvFile('places.csv', csv));
  const problems = page.getByRole('heading', { name: '3 problems to fix' }).locator('..');
  await expect(problems).toBeVisible();
  await expect(problems.getByRole('listitem').nth(0)).toContainText('Line 3');
  await expect(problems.getByRole('listitem').nth(0)).toContainText('“north” is not a number');
  await expect(problems.getByRole('listitem').nth(1)).toContainText('Line 5');
  await expect(problems.getByRole('listitem').nth(1)).toContainText('look swapped');
  await expect(problems.getByRole('listitem').nth(2)).toContainText('Line 6');
  await expect(page.getByText('3 valid locations, 3 with problems')).toBeVisible();
  await expect(page.locator('.leaflet-container[data-pin-count="3"]')).toBeVisible();

  await page.getByRole('button', { name: 'Drop 3 bad rows and create the session' }).click();
  await expect(page).toHaveURL(/\/sessions\/sess_[a-z0-9]{24}$/);
  await expect(page.getByRole('progressbar', { name: 'Session progress' })).toHaveAttribute(
    'aria-valuenow',
    '3',
    { timeout: 30_000 },
  );
  await expect(page.getByText('COMPLETED', { exact: true })).toBeVisible({ timeout: 20_000 });
});

test('a 700-row CSV becomes a run of two sessions', async ({ page, request }) => {
  await useKey(page, 'demo-enterprise');
  await page.goto('/sessions/new');
  const rows = Array.from(
    { length: 700 },
    (_, i) => `${44 + (i % 35) * 0.1},${1 + Math.floor(i / 35) * 0.1}`,
  );
  await page
    .getByLabel(/choose a CSV or GeoJSON file/)
    .setInputFiles(csvFile('big.csv', ['lat,lng', ...rows].join('\n')));
  await expect(page.getByRole('note')).toContainText('These 700 can go as 2 sessions (500 + 200)');
  await page.getByRole('button', { name: 'Create a run of 2 sessions' }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  const created = page.getByRole('table', { name: 'The run’s sessions' });
  await expect(created.getByRole('link')).toHaveCount(2);
  const ids = await created.getByRole('link').allTextContents();
  for (const [i, id] of ids.entries()) {
    const res = await request.get(`/v2/session/status?session_id=${id}`, {
      headers: { Authorization: 'demo-enterprise' },
    });
    expect(((await res.json()) as { progress: { total: number } }).progress.total).toBe(
      i === 0 ? 500 : 200,
    );
  }
});

test('a trial account near its listing cap is warned', async ({ page, request }) => {
  // Fill the trial account to 95 of its 100 listings.
  const fill = Array.from({ length: 95 }, (_, i) => ({
    lat: 47 + (i % 19) * 0.05,
    lng: 5 + Math.floor(i / 19) * 0.05,
  }));
  await request.post('/v2/listing/quietness', {
    headers: { Authorization: 'demo-trial' },
    data: { listings: fill },
  });
  await useKey(page, 'demo-trial');
  await page.goto('/sessions/new');
  await page
    .getByLabel(/Paste coordinates/)
    .fill(Array.from({ length: 8 }, (_, i) => `${50 + i * 0.1},${10 + i * 0.1}`).join('\n'));
  await expect(page.getByRole('alert')).toContainText(
    '5 listing slots left, fewer than these 8 locations: up to 3 of them would fail',
  );
});

test('the account page matches /v2/listings/stats and /v2/account/usage', async ({
  page,
  request,
}) => {
  await useKey(page, 'demo-intelligence');
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Account' })).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Active listings' })).toBeVisible();
  // Read the API after the page loaded: the page's own calls are counted by then.
  const stats = (await (
    await request.get('/v2/listings/stats', { headers: { Authorization: 'demo-intelligence' } })
  ).json()) as Record<string, number>;
  const usage = (await (
    await request.get('/v2/account/usage', { headers: { Authorization: 'demo-intelligence' } })
  ).json()) as {
    response: Record<string, number | string>;
  };
  await expect(page.getByText(/^Plan: intelligence$/i)).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Active listings' })).toHaveAttribute(
    'aria-valuenow',
    String(stats.total_listings),
  );
  await expect(page.getByRole('meter', { name: 'Active listings' })).toHaveAttribute(
    'aria-valuemax',
    String(stats.max_listings),
  );
  await expect(page.getByRole('meter', { name: 'Deletions used' })).toHaveAttribute(
    'aria-valuenow',
    String(stats.deletions_count),
  );
  await expect(page.getByRole('meter', { name: 'API calls this billing period' })).toHaveAttribute(
    'aria-valuemax',
    String(usage.response['API Key Max Plan Usage']),
  );
  const pageCalls = Number(
    await page
      .getByRole('meter', { name: 'API calls this billing period' })
      .getAttribute('aria-valuenow'),
  );
  // The two API reads above came after the page's reads.
  expect(pageCalls).toBeLessThanOrEqual(Number(usage.response['API Key Current Usage']) - 1);
  expect(pageCalls).toBeGreaterThan(0);
  await expect(
    page.getByRole('link', { name: /intelligence · [\d,]+\/500,000 calls/i }),
  ).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test('the new-session page has no axe violations', async ({ page }) => {
  await page.goto('/sessions/new');
  await page.getByLabel(/Paste coordinates/).fill('48.85,2.35\nbad line');
  await expect(page.getByText('1 problem to fix')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(',')}`),
  ).toEqual([]);
});

test('your IDs and names come back: fixed rows, then the table, the details and both exports', async ({
  page,
}) => {
  await useKey(page, 'demo-intelligence');
  await page.goto('/sessions/new');
  const csv = [
    'id,name,lat,lng',
    'H-1,"Hotel Lutetia, Paris",48.8510,2.3245',
    // Given longitude first: the Indian Ocean, on land once swapped.
    'H-2,Le Bristol,2.3165,48.8719',
    // Decimal commas, quoted in a comma-separated file.
    'H-3,Hôtel de Crillon,"48,8676","2,3212"',
  ].join('\n');
  await page.getByLabel(/choose a CSV or GeoJSON file/).setInputFiles(csvFile('hotels.csv', csv));
  await expect(
    page.getByRole('heading', { name: '1 location is probably given longitude first' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Swap it' }).click();
  await expect(page.getByText('Latitude and longitude swapped on 1 line.')).toBeVisible();
  await expect(page.getByText('3 valid locations.')).toBeVisible();
  await page.getByRole('button', { name: 'Create session' }).click();

  await expect(page).toHaveURL(/\/sessions\/sess_[a-z0-9]{24}$/);
  await expect(page.getByText('COMPLETED', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByText(/Your rows from hotels\.csv \(id, name\): 3 of 3 results matched/),
  ).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'name' })).toBeVisible();
  const lutetia = table.getByRole('row').filter({ hasText: 'Hotel Lutetia, Paris' });
  await expect(lutetia).toContainText('H-1');
  // The table's search finds the user's own names.
  await page.getByLabel('Search your columns, listing ID or coordinates').fill('bristol');
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Search your columns, listing ID or coordinates').fill('');
  await lutetia.getByRole('button').first().click();
  const details = page.getByRole('complementary', { name: 'Listing details' });
  await expect(details.getByRole('heading', { name: 'Hotel Lutetia, Paris' })).toBeVisible();
  await expect(details).toContainText('line 2 (48.8510, 2.3245)');

  const [header, ...lines] = (await download(page, 'Download CSV')).text.trim().split(/\r?\n/);
  expect(header?.split(',').slice(0, 5)).toEqual([
    'input_row',
    'id',
    'name',
    'input_lat',
    'input_lng',
  ]);
  expect(lines.find((l) => l.includes('Le Bristol'))).toMatch(
    /^3,H-2,Le Bristol,2\.3165,48\.8719,48\.8719,2\.3165,success/,
  );
  expect(lines.find((l) => l.includes('Crillon'))).toMatch(
    /^4,H-3,Hôtel de Crillon,"48,8676","2,3212",/,
  );

  const geo = JSON.parse((await download(page, 'Download GeoJSON')).text) as {
    features: { properties: Record<string, unknown> }[];
  };
  expect(
    geo.features.map((f) => [f.properties.input_row, f.properties.id, f.properties.name]),
  ).toEqual([
    [2, 'H-1', 'Hotel Lutetia, Paris'],
    [3, 'H-2', 'Le Bristol'],
    [4, 'H-3', 'Hôtel de Crillon'],
  ]);
});

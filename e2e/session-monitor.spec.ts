import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext } from '@playwright/test';

const LAND = Array.from({ length: 24 }, (_, i) => ({
  lat: 46 + (i % 6) * 0.05,
  lng: 4 + Math.floor(i / 6) * 0.05,
}));
const SEA = [
  { lat: 35, lng: -40 },
  { lat: 0, lng: -150 },
  { lat: -20, lng: 80 },
];

async function createSession(
  request: APIRequestContext,
  key = 'demo-insight',
  locations = [...LAND, ...SEA],
) {
  const res = await request.post('/v2/session/new', {
    headers: { Authorization: key },
    data: { locations },
  });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { session_id: string }).session_id;
}

test('watch a session run to the end: gauge to 100%, failures grouped, polling stops', async ({
  page,
  request,
}) => {
  const sessionId = await createSession(request);
  const statusRequests: number[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/v2/session/status')) statusRequests.push(Date.now());
  });

  await page.goto('/');
  await page.getByLabel('Session ID, link or JSON').fill(sessionId);
  await page.getByRole('button', { name: 'Open session' }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));

  const gauge = page.getByRole('progressbar', { name: 'Session progress' });
  await expect(gauge).toHaveAttribute('aria-valuenow', '27', { timeout: 30_000 });
  await expect(page.getByText('100%', { exact: true })).toBeVisible();
  await expect(page.getByText('COMPLETED', { exact: true })).toBeVisible();
  await expect(page.getByText(/polling stopped/)).toBeVisible();
  await expect(page).toHaveTitle(`100% · session ${sessionId}`);

  const failures = page.locator('section', {
    has: page.getByRole('heading', { name: 'Failures by error' }),
  });
  await expect(failures.getByText('Failed to calculate quietness score')).toBeVisible();
  await expect(failures.getByText('3 locations')).toBeVisible();

  const endCount = statusRequests.length;
  await page.waitForTimeout(15_000); // the assertion is that nothing happens for 15 s
  expect(statusRequests.length).toBe(endCount);

  await page.getByRole('link', { name: 'Sessions', exact: true }).first().click();
  const recent = page.locator('section', {
    has: page.getByRole('heading', { name: 'Recent sessions' }),
  });
  await expect(recent.getByRole('link', { name: sessionId })).toBeVisible();
  await expect(recent.getByText(/COMPLETED · 27\/27/)).toBeVisible();

  await page.screenshot({
    path: 'test-results/monitor-finished.png',
    fullPage: true,
    animations: 'disabled',
  });
});

test('a bad key opens the key dialog; the right key loads the data', async ({ page, request }) => {
  const sessionId = await createSession(request, 'demo-intelligence', LAND.slice(0, 3));
  await page.goto('/');
  await page.getByRole('button', { name: /key/i }).click();
  await page.getByRole('textbox', { name: 'API key' }).fill('wrong-key');
  await page.getByRole('button', { name: 'Save key' }).click();

  await page.goto(`/sessions/${sessionId}`);
  const dialog = page.getByRole('dialog', { name: 'Quiet Score API key' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('alert')).toContainText('did not accept');
  await dialog.getByRole('textbox', { name: 'API key' }).fill('demo-intelligence');
  await dialog.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByRole('progressbar', { name: 'Session progress' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Session progress' })).toHaveAttribute(
    'aria-valuenow',
    '3',
    { timeout: 20_000 },
  );
});

test('another account’s session reads as not found', async ({ page, request }) => {
  const sessionId = await createSession(request, 'demo-trial', LAND.slice(0, 2));
  await page.goto(`/sessions/${sessionId}`);
  await expect(
    page.getByRole('heading', { name: 'No session with this ID for this key' }),
  ).toBeVisible();
});

test('the monitor has no axe violations', async ({ page, request }) => {
  const sessionId = await createSession(request, 'demo-insight', LAND.slice(0, 4));
  await page.goto(`/sessions/${sessionId}`);
  await expect(page.getByRole('progressbar', { name: 'Session progress' })).toHaveAttribute(
    'aria-valuenow',
    '4',
    { timeout: 20_000 },
  );
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
});

// Uses up the trial account's monthly calls: keep it the last test to use demo-trial.
test('a trial key that runs out mid-session: the quota state, kept results, the Account page', async ({
  page,
  request,
}) => {
  const key = 'demo-trial';
  // 300 places on land: about 12 s of work at the emulator's pace, so the session is still
  // running when the quota runs out.
  const places = Array.from({ length: 300 }, (_, i) => ({
    lat: +(44 + (i % 20) * 0.03).toFixed(4),
    lng: +(2 + Math.floor(i / 20) * 0.03).toFixed(4),
  }));
  const sessionId = await createSession(request, key, places);
  await page.addInitScript((k) => {
    window.sessionStorage.setItem('quiet-score.api-key', k);
    window.localStorage.setItem('quiet-score.poll-interval', '2000');
  }, key);
  await page.goto(`/sessions/${sessionId}`);
  const gauge = page.getByRole('progressbar', { name: 'Session progress' });
  await expect(gauge).toBeVisible();
  // What watching costs follows the interval.
  await expect(page.getByText(/^≈ 30 API calls\/min/)).toBeVisible();
  await page.getByRole('combobox', { name: 'Every' }).selectOption('5000');
  await expect(page.getByText(/^≈ 12 API calls\/min/)).toBeVisible();
  await page.getByRole('combobox', { name: 'Every' }).selectOption('2000');
  await expect
    .poll(async () => Number(await gauge.getAttribute('aria-valuenow')))
    .toBeGreaterThan(0);

  // Another client spends what is left of the month's calls.
  for (;;) {
    const res = await request.get('/v2/account/usage', { headers: { Authorization: key } });
    if (res.status() === 429) break;
    expect(res.ok()).toBe(true);
  }
  const notice = page.getByRole('alert').filter({ hasText: 'monthly calls are used up' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/until the quota resets on \w{3} 1, \d{4}/);
  await expect(notice).toContainText('Polling has stopped.');
  await expect(page.getByText(/retrying in/)).toHaveCount(0);
  const seen = Number(await gauge.getAttribute('aria-valuenow'));
  expect(seen).toBeGreaterThan(0);

  // A reload, still refused: the session as this browser kept it.
  await page.reload();
  await expect(
    page.getByRole('alert').filter({ hasText: 'as this browser kept it' }),
  ).toBeVisible();
  // As far as it was seen: kept when the refusal came.
  await expect(gauge).toHaveAttribute('aria-valuenow', String(seen));
  await expect(page.getByRole('link', { name: 'Monthly calls used up' })).toBeVisible();

  await page.getByRole('link', { name: 'Account' }).click();
  const account = page.getByRole('alert').filter({ hasText: 'monthly calls are used up' });
  await expect(account).toBeVisible();
  await expect(account).toContainText('Sessions already created go on');
});

test("a session page names its route's code in its HTML, and the browser fetches it once", async ({
  page,
  request,
}) => {
  const sessionId = await createSession(request);
  const html = await (
    await request.get(`/sessions/${sessionId}`, { headers: { accept: 'text/html' } })
  ).text();
  const named = [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
  const route = named.find((href) => /\/assets\/session-monitor-[\w-]+\.js$/.test(href));
  expect(route, 'the route chunk is named').toBeDefined();
  for (const href of named) expect((await request.get(href)).status(), href).toBe(200);

  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`/sessions/${sessionId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Session' })).toBeVisible();
  // The preload is the module the app imports: same URL, same credentials mode, one request.
  expect(fetched.filter((p) => p === route)).toHaveLength(1);
});

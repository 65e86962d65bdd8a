import { expect, test } from '@playwright/test';
import { createSession, download, openFinishedSession } from './helpers';

const KEY = 'demo-enterprise';
const POINTS = Array.from({ length: 8 }, (_, i) => ({ lat: 45.7 + i * 0.02, lng: 4.8 + i * 0.02 }));

test('load the full analysis in one call: day and night in the table and the CSV, kept across a reload', async ({
  page,
  request,
}) => {
  const id = await createSession(request, POINTS, KEY);
  let batches = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/v2/listing/quietness')) batches++;
  });
  await openFinishedSession(page, id, KEY);
  const load = page.getByRole('button', { name: 'Load the rest ≈ 1 API call for 8 listings' });
  await load.click();
  await expect(page.getByText(/Full analysis .*: 8 of 8 listings\./)).toBeVisible();
  expect(batches).toBe(1);
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Day / night' })).toBeVisible();
  await expect(table.getByRole('row').nth(1)).toContainText(/\d+ \/ \d+/);

  const [header, first] = (await download(page, 'Download CSV')).text.trim().split(/\r?\n/);
  expect(header).toContain('quiet_score_day,quiet_score_night,noise_dba_day_modeled');
  expect(header).toContain('source_1_category');
  expect(first).toMatch(/,\d+,\d+,\d+(\.\d)?,\d+(\.\d)?,/);

  // Kept in this browser: a reload shows it and asks nothing.
  await page.reload();
  await expect(page.getByText(/Full analysis .*: 8 of 8 listings\./)).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Day / night' })).toBeVisible();
  expect(batches).toBe(1);
});

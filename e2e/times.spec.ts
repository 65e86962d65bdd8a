import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { createSession, download, openFinishedSession } from './helpers';

const KEY = 'demo-insight';

test.use({ timezoneId: 'America/New_York', locale: 'en-US' });

test('every time on screen is local and names its zone; the CSV writes UTC with a Z', async ({
  page,
  request,
}) => {
  const id = await createSession(
    request,
    [
      { lat: 48.85, lng: 2.35 },
      { lat: 45.76, lng: 4.84 },
    ],
    KEY,
  );
  await openFinishedSession(page, id, KEY);
  // New York in late November: EST. The header, the polling bar and the table all say so.
  await expect(page.getByText(/^Submitted/).locator('..')).toContainText('EST');
  await expect(page.getByText(/finished .* EST · polling stopped/)).toBeVisible();
  const analyzed = page.getByRole('row').nth(1).locator('time');
  await expect(analyzed).toContainText('EST');
  // The machine-readable twin is UTC, and agrees with what the CSV writes.
  const iso = await analyzed.getAttribute('datetime');
  expect(iso).toMatch(/Z$/);

  const csv = Papa.parse<Record<string, string>>((await download(page, 'Download CSV')).text, {
    header: true,
    skipEmptyLines: true,
  });
  expect(csv.data).toHaveLength(2);
  for (const row of csv.data) expect(row.analyzed_at).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
  expect(csv.data.map((r) => r.analyzed_at)).toContain(iso);
});

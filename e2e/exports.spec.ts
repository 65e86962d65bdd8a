import { expect, test } from '@playwright/test';
import { createSession, download, openFinishedSession } from './helpers';

const KEY = 'demo-insight';
/** Six places on land around Lyon, and two at sea (failed). */
const POINTS = [
  ...Array.from({ length: 6 }, (_, i) => ({ lat: 45.7 + i * 0.02, lng: 4.8 + i * 0.02 })),
  { lat: 35, lng: -40 },
  { lat: 0, lng: -150 },
];

test('exports say what they hold; a filtered one says so in its name; an empty one says why', async ({
  page,
  request,
}) => {
  const id = await createSession(request, POINTS, KEY);
  await openFinishedSession(page, id, KEY);

  await expect(page.getByText('Exports hold all 8 results.')).toBeVisible();
  expect((await download(page, 'Download CSV')).name).toBe(`${id}-results.csv`);

  await page.getByLabel('Status').selectOption('success');
  await expect(page.getByText('Exports hold 6 of 8 results (filtered).')).toBeVisible();
  expect((await download(page, 'Download CSV')).name).toBe(`${id}-results-filtered.csv`);
  expect((await download(page, 'Download GeoJSON')).name).toBe(`${id}-results-filtered.geojson`);
  // Nothing failed among the rows shown: the button is off, and says why.
  const failedCsv = page.getByRole('button', { name: 'Failed locations CSV' });
  await expect(failedCsv).toBeDisabled();
  await expect(failedCsv).toHaveAccessibleDescription(/No failed location among them\./);
  // The map's legend says its counts are of the filtered pins.
  await expect(page.getByText('Filtered: 6 of 8')).toBeVisible();
});

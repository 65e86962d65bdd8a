import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { createSession, download, openFinishedSession, resultsMap } from './helpers';

const KEY = 'demo-enterprise';
// Eight places in Lyon (urban activity dominates) and two by its airport, Saint-Exupéry.
const POINTS = [
  ...Array.from({ length: 8 }, (_, i) => ({ lat: 45.7 + i * 0.02, lng: 4.8 + i * 0.02 })),
  { lat: 45.725, lng: 5.081 },
  { lat: 45.72, lng: 5.09 },
];

test('full analysis: one call, night colors, a source filter map and table agree, kept, exported', async ({
  page,
  request,
}) => {
  const id = await createSession(request, POINTS, KEY);
  let batches = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/v2/listing/quietness')) batches++;
  });
  await openFinishedSession(page, id, KEY);
  const load = page.getByRole('button', { name: 'Load the rest ≈ 1 API call for 10 listings' });
  await load.click();
  await expect(page.getByText(/Full analysis .*: 10 of 10 listings\./)).toBeVisible();
  expect(batches).toBe(1);
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Day / night', exact: true })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'dBA day / night' })).toBeVisible();
  await expect(table.getByRole('row').nth(1)).toContainText(/\d+ \/ \d+/);

  // Night mode: the URL, the legend, the score column and the pins follow.
  const legendTitle = page.getByTestId('map-legend-title');
  await expect(legendTitle).toHaveText('Quiet Score');
  const legend = legendTitle.locator('..');
  const pinsBefore = await resultsMap(page).screenshot({ mask: [legend] });
  await page.getByRole('combobox', { name: 'Color by' }).selectOption('night');
  await expect(page).toHaveURL(/[?&]color=night/);
  await expect(legendTitle).toHaveText('Night score');
  await expect(table.getByRole('columnheader', { name: /Night score/ })).toBeVisible();
  await expect
    .poll(async () => (await resultsMap(page).screenshot({ mask: [legend] })).equals(pinsBefore))
    .toBe(false);
  // The chart of the mode on the map says so; the others do not.
  const notes = page.locator('figcaption').getByText('· on the map', { exact: true });
  await expect(notes).toHaveCount(4);
  await expect(notes.filter({ visible: true })).toHaveCount(1);
  const night = page.locator('figure', { hasText: 'Night scores by band' });
  await expect(night.getByText('· on the map')).toBeVisible();

  // The CSV carries every analysis field: the dominant source per listing.
  const csv = Papa.parse<Record<string, string>>((await download(page, 'Download CSV')).text, {
    header: true,
    skipEmptyLines: true,
  }).data;
  expect(csv).toHaveLength(10);
  for (const column of [
    'quiet_score_day',
    'quiet_score_night',
    'night_penalty',
    'noise_dba_day_modeled',
    'noise_dba_night_modeled',
    'dominant_source',
    'source_1_distance_km',
  ])
    expect(Object.keys(csv[0] ?? {})).toContain(column);
  for (const row of csv) {
    expect(Number(row.quiet_score_day) - Number(row.quiet_score_night)).toBe(
      Number(row.night_penalty),
    );
    expect(row.noise_dba_night_modeled).toMatch(/^\d+(\.\d)?$/);
  }
  const airports = csv.filter((r) => r.dominant_source === 'airports').length;
  expect(airports).toBeGreaterThan(0);
  expect(airports).toBeLessThan(10);

  // Filter by a source: the map and the table show the same listings, and the URL keeps it.
  await page
    .getByRole('group', { name: 'Filter by dominant noise source' })
    .getByRole('button', { name: 'Airports' })
    .click();
  await expect(page).toHaveURL(/[?&]source=airports/);
  await expect(page.getByText(`${airports} of 10 shown`)).toBeVisible();
  await expect(table.locator('tbody tr[data-result-index]')).toHaveCount(airports);
  await expect(resultsMap(page)).toHaveAttribute('data-visible-pin-count', String(airports));

  // Kept in this browser: a reload shows the same view and asks nothing.
  await page.reload();
  await expect(page.getByText(/Full analysis .*: 10 of 10 listings\./)).toBeVisible();
  await expect(legendTitle).toHaveText('Night score');
  await expect(table.locator('tbody tr[data-result-index]')).toHaveCount(airports);
  await expect(resultsMap(page)).toHaveAttribute('data-visible-pin-count', String(airports));
  expect(batches).toBe(1);
});

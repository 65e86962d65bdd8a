import { expect, test } from '@playwright/test';
import { createSession, useKey } from './helpers';

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
  await useKey(page, KEY);
  await page.goto(`/sessions/${id}`);
  await expect(page.getByText('COMPLETED', { exact: true })).toBeVisible({ timeout: 30_000 });
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
  await useKey(page, KEY);
  await page.goto(`/sessions/${id}`);
  await expect(page.getByText('COMPLETED', { exact: true })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Search listing ID or coordinates').fill('48.85, 2.35');
  await expect(page.getByText('2 of 3 shown')).toBeVisible();
  await page.getByLabel('Search listing ID or coordinates').fill('12.34, 56.78');
  await expect(page.getByText('No result matches these filters.')).toBeVisible();
});

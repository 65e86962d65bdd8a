import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createSession, pinCount, useKey, type Point } from './helpers';

const KEY = 'demo-insight';
/** Land around Lyon, and three points at sea (failed results). */
const POINTS: Point[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ lat: 45.7 + (i % 4) * 0.05, lng: 4.8 + i * 0.02 })),
  { lat: 35, lng: -40 },
  { lat: 0, lng: -150 },
  { lat: -20, lng: 80 },
];

async function axeViolations(page: Page) {
  // Colors mid-transition (a button turning enabled) are not what the user reads.
  await page.waitForFunction(() => document.getAnimations().length === 0);
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Background of the page, as painted. */
const pageBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('every route, filled with data, has no axe violations', async ({ page, request }) => {
      test.setTimeout(90_000);
      const id = await createSession(request, POINTS, KEY);
      await useKey(page, KEY);
      // The monitor, finished, with the details of a listing open.
      await page.goto(`/sessions/${id}`);
      await expect(page.getByText('COMPLETED', { exact: true })).toBeVisible({ timeout: 30_000 });
      await expect.poll(() => pinCount(page)).toBe(POINTS.length);
      await page.getByRole('row').nth(1).getByRole('button').first().click();
      await expect(page.getByRole('complementary', { name: 'Listing details' })).toBeVisible();
      // With the full analysis loaded, colored by noise source, one source chip pressed.
      await page.getByRole('button', { name: /^Load the rest/ }).click();
      await expect(page.getByText(/: 12 of 12 listings/)).toBeVisible();
      await page.getByRole('combobox', { name: 'Color by' }).selectOption('source');
      await page
        .getByRole('group', { name: 'Filter by dominant noise source' })
        .getByRole('button')
        .first()
        .click();
      await expect(page.getByRole('heading', { name: 'Full analysis' })).toBeVisible();
      // The filter leaves no failed result: that export turns disabled (and its colors fade).
      await expect(page.getByRole('button', { name: 'Failed locations CSV' })).toBeDisabled();
      expect(await axeViolations(page), `/sessions/${id}`).toEqual([]);
      // The sessions list (with this session among the recent ones), the new-session form
      // with a problem and its preview map, the account, and a page that does not exist.
      await page.goto('/');
      await expect(page.getByText(id).first()).toBeVisible();
      expect(await axeViolations(page), '/').toEqual([]);
      await page.goto('/sessions/new');
      await page.getByLabel(/Paste coordinates/).fill('48.85,2.35\n45.76,4.84\nbad line');
      await expect(page.getByText('1 problem to fix')).toBeVisible();
      expect(await axeViolations(page), '/sessions/new').toEqual([]);
      await page.goto('/account');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByText(/calls/i).first()).toBeVisible();
      expect(await axeViolations(page), '/account').toEqual([]);
      await page.goto('/no/such/page');
      expect(await axeViolations(page), 'not found').toEqual([]);
    });
  });
}

test('the theme follows the system until the header toggle picks one, remembered', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const dark = await pageBackground(page);

  await page.emulateMedia({ colorScheme: 'light' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const light = await pageBackground(page);
  expect(light).not.toBe(dark);

  // Picked dark while the system is light: it stays dark across a reload.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await pageBackground(page)).toBe(dark);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect(await pageBackground(page)).toBe(dark);
});

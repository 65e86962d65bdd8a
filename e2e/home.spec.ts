import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test.describe('home: open a session', () => {
  test('an invalid value gets a clear message; a pasted URL opens its session', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Watch a Quiet Score session' })).toBeVisible();
    const input = page.getByLabel('Session ID, link or JSON');

    await input.fill('not a session id!');
    await page.getByRole('button', { name: 'Open session' }).click();
    await expect(page.getByRole('alert')).toContainText('is not a session ID');
    await expect(page).toHaveURL(/\/$/);

    await input.fill('https://api.calmyx.com/v2/session/status?session_id=sess_e2e123abc');
    await page.getByRole('button', { name: 'Open session' }).click();
    await expect(page).toHaveURL(/\/sessions\/sess_e2e123abc$/);
  });

  test('enter and forget an API key; it never appears in the URL or the page', async ({ page }) => {
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await page.goto('/');
    await page.getByRole('button', { name: /key/i }).click();
    const dialog = page.getByRole('dialog', { name: 'Quiet Score API key' });
    await dialog.getByRole('textbox', { name: 'API key' }).fill('my-secret-key-9876');
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: /Key ••••9876/ })).toBeVisible();

    // The key lives in sessionStorage (not remembered), never in a URL.
    expect(await page.evaluate(() => window.sessionStorage.getItem('quiet-score.api-key'))).toBe(
      'my-secret-key-9876',
    );
    expect(
      await page.evaluate(() => window.localStorage.getItem('quiet-score.api-key')),
    ).toBeNull();
    await page.getByLabel('Session ID, link or JSON').fill('sess_keycheck');
    await page.getByRole('button', { name: 'Open session' }).click();
    await expect(page).toHaveURL(/\/sessions\/sess_keycheck/);
    // The emulator rejects this key: the dialog asks for another one.
    await expect(page.getByRole('dialog', { name: 'Quiet Score API key' })).toBeVisible();
    expect(urls.some((u) => u.includes('my-secret-key'))).toBe(false);
    expect(await page.content()).not.toContain('my-secret-key-9876');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: /Key ••••9876/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Forget key' }).click();
    await expect(page.getByRole('button', { name: /Key ••••/ })).toHaveCount(0);
    expect(
      await page.evaluate(() => window.sessionStorage.getItem('quiet-score.api-key')),
    ).toBeNull();
  });

  test('remember on this device keeps the key across a new tab', async ({ page, context }) => {
    await page.goto('/');
    await page.getByRole('button', { name: /key/i }).click();
    await page.getByRole('textbox', { name: 'API key' }).fill('remembered-key-1111');
    await page.getByLabel('Remember on this device').check();
    await page.getByRole('button', { name: 'Save key' }).click();
    const second = await context.newPage();
    await second.goto('/');
    await expect(second.getByRole('button', { name: /Key ••••1111 \(remembered\)/ })).toBeVisible();
  });

  test('links the emulator’s demo session, which runs', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Open the emulator’s demo session' }).click();
    await expect(page).toHaveURL(/\/sessions\/sess_[a-z0-9]{24}$/);
    await expect(page.getByRole('progressbar', { name: 'Session progress' })).toBeVisible();
    await expect(page.getByText(/^(QUEUED|PROCESSING|COMPLETED)$/)).toBeVisible();
  });

  test('no page breaks its own Content Security Policy', async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { cspViolations: string[] }).cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { cspViolations: string[] }).cspViolations.push(
          `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
        ),
      );
    });
    const violations = () =>
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    await page.goto('/');
    await page.getByRole('link', { name: 'Open the emulator’s demo session' }).click();
    await expect(page.locator('.leaflet-container[data-pin-count]')).toBeVisible();
    expect(await violations()).toEqual([]);
    for (const path of ['/sessions/new', '/account']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await violations()).toEqual([]);
    }
  });

  test('has no axe violations', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

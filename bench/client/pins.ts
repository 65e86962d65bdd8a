/** Pins: the first draw of 10,000, and adding 20 to 480 (only the new ones are painted). */
import { clickRefresh, type Harness } from './harness';
import { payload } from './payloads';

async function pinDraws(h: Harness, sequence: string[]) {
  const page = await h.newPage();
  let k = 0;
  await page.route('**/v2/session/status**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: sequence[Math.min(k++, sequence.length - 1)] as string,
    }),
  );
  await page.goto(`${h.base}/sessions/sess_benchpins`);
  await page.locator('.leaflet-container[data-pin-count]').waitFor({ timeout: 60_000 });
  for (let i = 1; i < sequence.length; i++) {
    await clickRefresh(page);
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('.leaflet-container')[0]?.getAttribute('data-pin-count') ===
        String(n),
      JSON.parse(sequence[i] as string).results.length,
    );
  }
  await page.waitForTimeout(300);
  const draws = await page.evaluate(() =>
    performance.getEntriesByName('qs:pins-draw').map((e) => {
      const detail = (e as PerformanceMeasure).detail as { pins: number; painted: number };
      return { ms: e.duration, ...detail };
    }),
  );
  await page.close();
  return draws;
}
export async function measurePins(h: Harness) {
  // The first draw with all pins (a later redraw follows the map's fit).
  const tenK = (await pinDraws(h, [payload(10_000, 10_000)])).find((d) => d.pins === 10_000);
  // The draw that adds results 481–500 (only the new pins are painted).
  const plus20 = (await pinDraws(h, [payload(480), payload(500)])).find((d) => d.pins === 500);
  return { tenK, plus20 };
}

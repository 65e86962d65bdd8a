/**
 * Pins: the first draw of 10,000 (grouping off), adding 20 to 480 (only the new ones are
 * painted); and with 50,000 grouped: the cluster index, and the redraw after one zoom step.
 */
import type { Page } from '@playwright/test';
import { clickRefresh, type Harness } from './harness';
import { payload } from './payloads';

type Draw = { ms: number; pins: number; painted: number };

const drawsOf = (page: Page) =>
  page.evaluate(() =>
    performance.getEntriesByName('qs:pins-draw').map((e) => {
      const detail = (e as PerformanceMeasure).detail as { pins: number; painted: number };
      return { ms: e.duration, ...detail };
    }),
  );

async function pinDraws(h: Harness, sequence: string[]): Promise<Draw[]> {
  const page = await h.newPage({ 'quiet-score.map-clusters': 'off' });
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
  const draws = await drawsOf(page);
  await page.close();
  return draws;
}

/**
 * 50,000 results grouped, in `journeys` fresh pages: the index build (in a worker: from its
 * request to its arrival), then each of `steps` zoom-ins redrawn. A step's time is its median
 * over the journeys: a draw's work is the same each time, and one moment another process took
 * the core would otherwise decide the max.
 */
async function clusterDraws(h: Harness, steps: number, journeys = 3) {
  const body = payload(50_000, 50_000, 'world');
  const indexes: number[] = [];
  const byStep: Draw[][] = Array.from({ length: steps }, () => []);
  for (let j = 0; j < journeys; j++) {
    const page = await h.newPage();
    await page.route('**/v2/session/status**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body }),
    );
    await page.goto(`${h.base}/sessions/sess_benchclusters?view=45,-20,3`);
    // Clusters drawn: the worker's first index is in.
    await page
      .locator('.leaflet-container[data-cluster-count]:not([data-cluster-count="0"])')
      .waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    indexes.push(
      await page.evaluate(
        () => performance.getEntriesByName('qs:cluster-index').map((e) => e.duration)[0] ?? NaN,
      ),
    );
    for (let i = 0; i < steps; i++) {
      const before = (await drawsOf(page)).length;
      // Leaflet's own zoom-in, without animation, from inside the page.
      await page.evaluate(() => {
        const zoomIn = document.querySelector<HTMLElement>('.leaflet-control-zoom-in');
        zoomIn?.click();
      });
      await page.waitForFunction(
        (n) => performance.getEntriesByName('qs:pins-draw').length > n,
        before,
      );
      await page.waitForTimeout(400);
      // The step's redraw: the slowest draw it caused (one, unless a frame split it).
      const draws = (await drawsOf(page)).slice(before);
      const slowest = draws.reduce((a, b) => (b.ms > a.ms ? b : a));
      byStep[i]?.push(slowest);
    }
    await page.close();
  }
  const median = <T>(xs: T[], key: (x: T) => number) =>
    [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)] as T;
  return {
    index: median(indexes, (x) => x),
    zoomSteps: byStep.map((draws) => median(draws, (d) => d.ms)),
  };
}

export async function measurePins(h: Harness) {
  // The first draw with all pins (a later redraw follows the map's fit).
  const tenK = (await pinDraws(h, [payload(10_000, 10_000)])).find((d) => d.pins === 10_000);
  // The draw that adds results 481–500 (only the new pins are painted).
  const plus20 = (await pinDraws(h, [payload(480), payload(500)])).find((d) => d.pins === 500);
  return { tenK, plus20, clusters: await clusterDraws(h, 6) };
}

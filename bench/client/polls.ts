/**
 * Applying polls: each "Refresh now" serves the next payload of a growing session; main-thread
 * time via CDP (wall) and a trace (CPU). Then unchanged polls (304s) and their long tasks.
 */
import type { CDPSession } from '@playwright/test';
import { clickRefresh, traceCpu, type Harness } from './harness';
import { payload, type Layout } from './payloads';

export interface MainThread {
  task: number;
  script: number;
  layout: number;
  style: number;
}

/**
 * Traced journeys, each on a freshly opened page: a p95 of 38 polls is the second-slowest poll,
 * which one noisy moment on this VM decides; of 114 it is the sixth-slowest.
 */
export const CPU_JOURNEYS = 3;

export async function measurePolls(h: Harness) {
  async function mainThread(cdp: CDPSession): Promise<MainThread> {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[];
    };
    const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return {
      task: ms('TaskDuration'),
      script: ms('ScriptDuration'),
      layout: ms('LayoutDuration'),
      style: ms('RecalcStyleDuration'),
    };
  }
  const taskMs = async (cdp: CDPSession) => (await mainThread(cdp)).task;
  const pollPage = await h.newPage();
  let served = 0;
  let fixed: string | null = null;
  /** Where the growing session's results lie (see `Layout`). */
  let layout: Layout = 'grid';
  /** When set, the next growing-session response waits until the bench sends it. */
  let hold: ((send: () => Promise<void>) => void) | null = null;
  await pollPage.route('**/v2/session/status**', async (route) => {
    if (fixed !== null) {
      const unchanged = route.request().headers()['if-none-match'] === '"fixed"';
      return route.fulfill(
        unchanged
          ? { status: 304, headers: { ETag: '"fixed"' } }
          : {
              status: 200,
              contentType: 'application/json',
              body: fixed,
              headers: { ETag: '"fixed"' },
            },
      );
    }
    served++;
    const send = () =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: payload(Math.min(500, 20 + served * 12), 500, layout),
      });
    if (!hold) return send();
    hold(send);
    hold = null;
  });
  const cdp = await pollPage.context().newCDPSession(pollPage);
  await cdp.send('Performance.enable');
  async function openPollPage() {
    served = 0;
    await pollPage.goto(`${h.base}/sessions/sess_benchpoll`);
    await pollPage.getByRole('progressbar', { name: 'Session progress' }).waitFor();
    await pollPage.locator('.leaflet-container[data-pin-count]').waitFor();
    await pollPage.waitForTimeout(500);
  }

  /**
   * Arms a MutationObserver (nothing polls the DOM meanwhile) that settles `window.applied` once
   * the gauge shows `n`, two frames later, so the update's layout, paint and map draw are in.
   */
  function watchGauge(n: number) {
    return pollPage.evaluate((expected) => {
      const target = document.querySelector('[role=progressbar]') as Element;
      (window as unknown as { applied: Promise<void> }).applied = new Promise<void>((resolve) => {
        new MutationObserver((_, observer) => {
          if (target.getAttribute('aria-valuenow') !== String(expected)) return;
          observer.disconnect();
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              performance.mark('qs-bench:applied');
              resolve();
            }),
          );
        }).observe(target, { attributes: true, attributeFilter: ['aria-valuenow'] });
      });
    }, n);
  }
  const applied = () =>
    pollPage.evaluate(() => (window as unknown as { applied: Promise<void> }).applied);
  const twoFrames = () =>
    pollPage.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
  function delta(before: MainThread, after: MainThread): MainThread {
    return {
      task: after.task - before.task,
      script: after.script - before.script,
      layout: after.layout - before.layout,
      style: after.style - before.style,
    };
  }

  /**
   * Polls a 500-location session growing by 12 results a poll. `apply`: main-thread time from the
   * response's arrival to the painted frame (parse, validate, render) — the request waits in the
   * route until the page is idle. `cycle`: from the click on "Refresh now" to the painted frame.
   */
  /** Views the map showed before each poll of the last `pollTimes`: a change is a refit. */
  let views: (string | null)[] = [];
  /**
   * Main-thread time (wall) from a refit poll's painted frame until the map has settled: the
   * zoom animation's end, its tiles and pins. Real polls are 2 s apart or more, so this never
   * falls in the next poll; the refit journeys wait for it, and report it here.
   */
  const settleTimes: number[] = [];
  const settled = async () => {
    const before = await taskMs(cdp);
    await pollPage.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
    // The animation's end redraws the pins and lays out tiles, drawn in idle time after it.
    await pollPage.waitForTimeout(400);
    settleTimes.push((await taskMs(cdp)) - before);
  };
  const mapView = () =>
    pollPage.locator('.leaflet-container[data-pin-count]').getAttribute('data-view');
  async function pollTimes(mode: 'apply' | 'cycle'): Promise<MainThread[]> {
    await openPollPage();
    const times: MainThread[] = [];
    views = [];
    // 38 polls: 32 to 476 results, still running (so "Refresh now" stays for the 304s below).
    // Each adds 12 results east of the last: outside the fitted view, so the map refits.
    while (times.length < 38) {
      views.push(await mapView());
      const expected = 20 + (served + 1) * 12;
      await watchGauge(expected);
      if (mode === 'cycle') {
        const before = await mainThread(cdp);
        await clickRefresh(pollPage);
        await applied();
        times.push(delta(before, await mainThread(cdp)));
      } else {
        const request = new Promise<() => Promise<void>>((resolve) => (hold = resolve));
        await clickRefresh(pollPage);
        const send = await request;
        await twoFrames();
        await pollPage.evaluate(() => performance.mark('qs-bench:apply'));
        const before = await mainThread(cdp);
        await send();
        await applied();
        times.push(delta(before, await mainThread(cdp)));
        if (layout === 'spread') await settled();
      }
    }
    return times;
  }
  const applyTimes = await pollTimes('apply');
  const refits = views.filter((v, i) => i > 0 && v !== views[i - 1]).length;
  const cycleTimes = await pollTimes('cycle');

  /**
   * The `apply` polls again, in thread (CPU) time: a trace of top-level tasks only, summing the
   * CPU time the renderer's main thread used between the marks around each poll. Wall time also
   * counts the moments that thread waited for a core — here two cores are shared by the browser's
   * other processes, the server and this benchmark.
   *
   * `applied` is marked in the next frame's animation callback: the tasks that end before it are
   * the poll's, up to and including the frame that paints it. `withNextFrame` adds that next frame,
   * whose task holds this benchmark's callback and its reply to Playwright (≈ 0.7 ms).
   */
  const applyCpuTimes = async () =>
    (await traceCpu(cdp, () => pollTimes('apply'), ['qs-bench:apply', 'qs-bench:applied']))[0] ??
    [];
  const applyTraced: { cpu: number; withNextFrame: number }[] = [];
  for (let i = 0; i < CPU_JOURNEYS; i++) applyTraced.push(...(await applyCpuTimes()));
  // Polls whose results land outside the view: the map refits on each, until it shows the world.
  layout = 'spread';
  const refitCpu: number[] = [];
  for (let i = 0; i < CPU_JOURNEYS; i++) {
    const traced = await applyCpuTimes();
    // The view a poll's refit ends on is read before the next poll.
    traced.forEach((t, k) => {
      if (k + 1 < views.length && views[k + 1] !== views[k]) refitCpu.push(t.cpu);
    });
  }
  layout = 'grid';
  // The measuring floor: the same CDP calls and two frames with no poll.
  const floorTimes: number[] = [];
  for (let i = 0; i < 15; i++) {
    const before = await taskMs(cdp);
    await twoFrames();
    floorTimes.push((await taskMs(cdp)) - before);
  }
  // Unchanged polls: 304s.
  fixed = payload(480);
  await clickRefresh(pollPage);
  await pollPage.waitForFunction(
    () => document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') === '480',
  );
  await pollPage.evaluate(() => {
    (window as unknown as { longTasks: number }).longTasks = 0;
    new PerformanceObserver((list) => {
      (window as unknown as { longTasks: number }).longTasks += list.getEntries().length;
    }).observe({ type: 'longtask' });
  });
  const unchangedTimes: number[] = [];
  for (let i = 0; i < 15; i++) {
    const before = await taskMs(cdp);
    const response = pollPage.waitForResponse('**/v2/session/status**');
    await clickRefresh(pollPage);
    await response;
    await twoFrames();
    unchangedTimes.push((await taskMs(cdp)) - before);
  }
  const longTasks = await pollPage.evaluate(
    () => (window as unknown as { longTasks: number }).longTasks,
  );
  await pollPage.close();
  return {
    applyTimes,
    refits,
    refitCpu,
    settleTimes,
    cycleTimes,
    applyTraced,
    floorTimes,
    unchangedTimes,
    longTasks,
  };
}

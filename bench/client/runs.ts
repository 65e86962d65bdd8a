/**
 * Runs: a run of 20 sessions × 500 (10,000 results) with 2 still running, served by page
 * routes. The main-thread CPU of applying one changed poll of a running session; the first
 * render of the finished run read back from IndexedDB; the status requests a minute of
 * watching it with all 20 running. Then 100 sessions × 500 (50,000 results): the JS heap, and the pins' first draw.
 */
import type { BrowserContext, Page, Route } from '@playwright/test';
import { traceCpu, type Harness } from './harness';
import { payload } from './payloads';

const ids = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `sess_${prefix}${String(i).padStart(3, '0')}`);

/** Session `i`'s results: the same grid as a single session's, shifted so runs do not overlap. */
function sessionPayload(i: number, processed: number) {
  const body = JSON.parse(payload(processed, 500, 'world')) as {
    results: { lat: number; lng: number }[];
  };
  for (const r of body.results) {
    r.lat = Math.max(-85, Math.min(85, r.lat + ((i * 7) % 30) - 15));
    r.lng = ((r.lng + 180 + i * 3.3) % 360) - 180;
  }
  return JSON.stringify(body);
}

interface Served {
  /** Status requests answered, by session. */
  requests: Map<string, number>;
  /** The processed count of each running session so far. */
  running: Map<string, number>;
  /** When set, the next running session's answer waits for the bench. */
  hold: ((send: () => Promise<void>) => void) | null;
}

async function serveRun(page: Page, sessions: string[], runningIds: string[]): Promise<Served> {
  const served: Served = {
    requests: new Map(),
    running: new Map(runningIds.map((id) => [id, 100])),
    hold: null,
  };
  const finished = new Map<string, string>();
  await page.route('**/v2/session/status**', async (route: Route) => {
    const id = new URL(route.request().url()).searchParams.get('session_id') ?? '';
    served.requests.set(id, (served.requests.get(id) ?? 0) + 1);
    const i = sessions.indexOf(id);
    const processed = served.running.get(id);
    if (processed === undefined) {
      if (!finished.has(id)) finished.set(id, sessionPayload(i, 500));
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: finished.get(id),
      });
    }
    const next = Math.min(490, processed + 12);
    served.running.set(id, next);
    const send = () =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: sessionPayload(i, next),
      });
    if (!served.hold) return send();
    served.hold(send);
    served.hold = null;
  });
  return served;
}

/**
 * In the page: the time since the navigation's start (`performance.now()`) of the frame that
 * shows the map's pins once its 10,000 rows are there: the pin layer sets `data-pin-count`,
 * then `data-drawn-count` once a layout places pins (none while the cluster index is on its
 * way), and its canvas names each drawing asked for and shown (`data-asked`, `data-shown`; a
 * worker draws them); this frame callback runs after the first drawing that holds pins is
 * shown. A string: the bench's TypeScript transform would add helpers the page does not have.
 */
const PINS_SHOWN_AT = `let first = null;
new MutationObserver((changes, observer) => {
  const map = document.querySelector('[data-pin-count]');
  const pins = document.querySelector('.leaflet-pins-pane canvas');
  if (!pins || map?.getAttribute('data-pin-count') !== '10000') return;
  // The first drawing that holds pins: the one the layout that counted them asks for in its
  // next frame (those before were empty while the pins' index was on its way).
  if (first === null) {
    if (Number(map.getAttribute('data-drawn-count') ?? 0) === 0) return;
    first = Number(pins.dataset.asked ?? 0) + 1;
  }
  if (Number(pins.dataset.shown ?? 0) < first) return;
  observer.disconnect();
  requestAnimationFrame(() => { window.__qsPinsShownAt = performance.now(); });
}).observe(document, {
  subtree: true,
  attributes: true,
  attributeFilter: ['data-pin-count', 'data-drawn-count', 'data-shown'],
});`;

const combinedText = (page: Page) =>
  page.evaluate(() =>
    document.querySelector('[data-run-processed]')?.getAttribute('data-run-processed'),
  );

/**
 * The machine's ceiling for a poll: a bare page of about as many layout objects as the run page
 * (~1,200, text included), where a "poll" fetches a running session's answer (500 results,
 * routed like the page's), parses it, changes 28 texts spread over the page (the run page's
 * count per poll) and draws 12 dots on a canvas of the map's size, measured the same way (a
 * mark, the poll, a mark two frames later).
 */
async function ceilingPolls(h: Harness, width: number, height: number, polls: number) {
  const page = await h.newPage();
  await page.route('**/ceiling/status', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: sessionPayload(0, 250) }),
  );
  const html =
    `<!doctype html><body style="margin:0;font:12px system-ui,sans-serif">` +
    `<div style="display:grid;grid-template-columns:repeat(4,1fr);gap:4px">` +
    Array.from(
      { length: 150 },
      (_, i) =>
        `<p style="display:flex;gap:4px;margin:0"><span>row ${i}</span><b>0</b><i>–</i></p>`,
    ).join('') +
    `</div><canvas id="c" width="${width}" height="${height}"></canvas></body>`;
  // Served on the app's origin (the answer is fetched as the app's are), without the app.
  await page.route('**/ceiling', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: html }),
  );
  await page.goto(`${h.base}/ceiling`);
  const cdp = await page.context().newCDPSession(page);
  const [traced = []] = await traceCpu(cdp, async () => {
    for (let k = 0; k < polls; k++)
      await page.evaluate(async (k) => {
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
        performance.mark('qs-bench:ceiling-poll');
        const body = (await (await fetch('/ceiling/status')).json()) as {
          results: { lat: number; lng: number }[];
        };
        const texts = document.querySelectorAll('b');
        for (let i = 0; i < 28; i++)
          (texts[(i * 37 + k) % texts.length] as HTMLElement).textContent = String(
            body.results.length + k + i,
          );
        const ctx = (document.getElementById('c') as HTMLCanvasElement).getContext('2d')!;
        ctx.fillStyle = '#4575b4';
        for (const r of body.results.slice(-12)) {
          ctx.beginPath();
          ctx.arc(
            ((r.lng + 180) / 360) * ctx.canvas.width,
            ((90 - r.lat) / 180) * ctx.canvas.height,
            6,
            0,
            Math.PI * 2,
          );
          ctx.fill();
          ctx.stroke();
        }
        await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => requestAnimationFrame(r));
        performance.mark('qs-bench:ceiling-polled');
      }, k);
  }, ['qs-bench:ceiling-poll', 'qs-bench:ceiling-polled']);
  await page.close();
  return traced.map((t) => t.cpu);
}

/**
 * The machine's ceiling for the reopen: a bare page (`ceiling/reopen.html`) opened the same way
 * (another tab of the same browser, served by the same server beside the app's build, its
 * script a file as the app's are) that reads the run's 20 kept statuses from the app's
 * IndexedDB, makes about as many elements as the run page (~670) from them, and draws 1,010
 * dots (the reopen's first drawing: 1,000 failed pins and the clusters) on a canvas of the
 * map's size; timed alike, from the navigation's start to the frame after. What no app can go
 * below on this machine at that moment.
 */
async function ceilingReopens(
  h: Harness,
  context: BrowserContext,
  size: { width: number; height: number },
  tabs: number,
) {
  const shownMs: number[] = [];
  for (let k = 0; k < tabs; k++) {
    const page = await h.newPage({}, context);
    await page.goto(
      `${h.base}/bench-ceiling/reopen.html?width=${size.width}&height=${size.height}`,
    );
    const shownAt = () => (window as { __qsCeilingShownAt?: number }).__qsCeilingShownAt;
    await page.waitForFunction(shownAt, null, { timeout: 60_000 });
    shownMs.push(Number(await page.evaluate(shownAt)));
    await page.close();
  }
  return shownMs;
}

/** A page watching the run at `link` with the first 2 of its sessions running, each every 2 s. */
async function watchRun(h: Harness, link: string, sessions: string[]) {
  const page = await h.newPage({ 'quiet-score.poll-interval': '2000' });
  const served = await serveRun(page, sessions, sessions.slice(0, 2));
  await page.goto(link);
  await page.locator('.leaflet-container[data-pin-count]').waitFor({ timeout: 120_000 });
  await page.getByText('Watching 2 running sessions').waitFor({ timeout: 120_000 });
  return { page, served };
}

/** How long after a poll's frame the parts of the page off screen are watched following it. */
const FOLLOW_MS = 500;

/**
 * Polls of the running sessions, each held until a mark, released, and traced until two frames
 * after the combined count shows it (`applyCpu`); then the `FOLLOW_MS` after, in which the parts
 * of the page off screen take the poll in, once it has settled (`followCpu`). The count is
 * watched in the page (a MutationObserver set before the answer is let go), so no harness
 * polling runs in the windows. 40 polls: the p95 of 20 would be their maximum.
 */
async function tracePolls(page: Page, served: Served, polls = 40) {
  const [applied = [], followed = []] = await traceCpu(
    await page.context().newCDPSession(page),
    async () => {
      for (let k = 0; k < polls; k++) {
        const send = await new Promise<() => Promise<void>>((resolve) => {
          served.hold = resolve;
        });
        const shown = Number(await combinedText(page));
        await page.evaluate(
          ({ n, followMs }) => {
            const el = document.querySelector('[data-run-processed]') as HTMLElement;
            (window as { __qsPolled?: Promise<void> }).__qsPolled = new Promise<void>((resolve) => {
              new MutationObserver((_, observer) => {
                if (Number(el.getAttribute('data-run-processed')) <= n) return;
                observer.disconnect();
                requestAnimationFrame(() =>
                  requestAnimationFrame(() => {
                    performance.mark('qs-bench:run-polled');
                    setTimeout(() => {
                      performance.mark('qs-bench:run-followed');
                      resolve();
                    }, followMs);
                  }),
                );
              }).observe(el, { attributes: true, attributeFilter: ['data-run-processed'] });
            });
            performance.mark('qs-bench:run-poll');
          },
          { n: shown, followMs: FOLLOW_MS },
        );
        await send();
        await page.evaluate(() => (window as { __qsPolled?: Promise<void> }).__qsPolled);
      }
    },
    ['qs-bench:run-poll', 'qs-bench:run-polled'],
    ['qs-bench:run-polled', 'qs-bench:run-followed'],
  );
  return { applyCpu: applied.map((t) => t.cpu), followCpu: followed.map((t) => t.cpu) };
}

export async function measureRuns(h: Harness) {
  const sessions = ids(20, 'run');
  const link = `${h.base}/runs/view?sessions=${sessions.join(',')}&name=Bench`;

  // Watching all 20 running, each polled every 2 s (600 a minute unbounded), for a minute.
  const busy = await h.newPage({ 'quiet-score.poll-interval': '2000' });
  const busyServed = await serveRun(busy, sessions, sessions);
  const total = () => [...busyServed.requests.values()].reduce((a, b) => a + b, 0);
  await busy.goto(link);
  await busy.locator('.leaflet-container[data-pin-count]').waitFor({ timeout: 120_000 });
  const before = total();
  const watchedMs = 60_000;
  await busy.waitForTimeout(watchedMs);
  const perMinute = ((total() - before) / watchedMs) * 60_000;
  await busy.close();

  // 2 of the 20 running: each changed poll applied.
  const { page: watch, served } = await watchRun(h, link, sessions);
  const top = await tracePolls(watch, served);
  const mapSize = await watch
    .locator('.leaflet-container')
    .evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
  await watch.close().catch(() => undefined);

  // The same on a page scrolled to the map: then the cards and the sessions are off screen.
  const { page: down, served: downServed } = await watchRun(h, link, sessions);
  await down.locator('.leaflet-container').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await down.waitForTimeout(1_000);
  const mapInView = await tracePolls(down, downServed);
  await down.close().catch(() => undefined);
  const ceilingCpu = await ceilingPolls(h, mapSize.width, mapSize.height, top.applyCpu.length);

  // The finished run, once fetched, reopened from IndexedDB in other tabs of the same browser
  // (three, one after the other). Timed in the page, from the navigation's start to the frame
  // that draws its 10,000 pins; Playwright's own wait for them (it polls ever less often) is
  // printed beside it. Its status requests are counted as they leave, not routed: a routed
  // page has every request it makes (its code, its data) held until Playwright lets it go,
  // ≈ 200 ms more on a reopen here, which no user's browser waits for.
  const first = await h.newPage();
  await serveRun(first, sessions, []);
  await first.goto(link);
  await first.getByText('Every session has finished').waitFor({ timeout: 120_000 });
  await first.waitForTimeout(3_000); // kept in idle time
  const reopenMs: number[] = [];
  const reopenWallMs: number[] = [];
  let reopenCalls = 0;
  for (let k = 0; k < 3; k++) {
    const reopened = await h.newPage({}, first.context());
    await reopened.addInitScript(PINS_SHOWN_AT);
    reopened.on('request', (request) => {
      if (request.url().includes('/v2/session/status')) reopenCalls++;
    });
    const started = Date.now();
    await reopened.goto(link);
    const shownAt = () => (window as { __qsPinsShownAt?: number }).__qsPinsShownAt;
    await reopened.waitForFunction(shownAt, null, { timeout: 60_000 });
    reopenWallMs.push(Date.now() - started);
    reopenMs.push(Number(await reopened.evaluate(shownAt)));
    await reopened.close();
  }
  const ceilingReopenMs = await ceilingReopens(h, first.context(), mapSize, 3);
  await first.close();

  // 50,000 results: 100 finished sessions.
  const big = ids(100, 'big');
  const heavy = await h.newPage();
  await serveRun(heavy, big, []);
  await heavy.goto(`${h.base}/runs/view?sessions=${big.join(',')}&name=Big`);
  await heavy.locator('.leaflet-container[data-pin-count="50000"]').waitFor({ timeout: 300_000 });
  await heavy.waitForTimeout(2_000);
  const draws = await heavy.evaluate(() =>
    performance.getEntriesByName('qs:pins-draw').map((e) => e.duration),
  );
  const hcdp = await heavy.context().newCDPSession(heavy);
  await hcdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await hcdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await heavy.close();

  return {
    perMinute,
    applyCpu: top.applyCpu,
    followCpu: top.followCpu,
    followMs: FOLLOW_MS,
    mapInView,
    ceilingCpu,
    reopenMs,
    reopenWallMs,
    reopenCalls,
    ceilingReopenMs,
    heapMb: usedSize / 1024 / 1024,
    bigFirstDrawMs: Math.max(...draws.slice(-3), 0),
  };
}

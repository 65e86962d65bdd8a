import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import { forgetApiKey, setFallbackApiKey } from '@/lib/api-key';
import { loadLand } from '@/lib/geo/land';
import { getRecentSessions } from '@/lib/recent-sessions';
import { EMULATOR_CONFIG, appHandlers } from '@/test/app-handlers';
import { server, setupMswServer } from '@/test/msw';
import { renderRoute } from '@/test/render';
import { statusPayload } from '@/test/session-fixtures';
import { FETCHING_DOT_DELAY_MS } from './polling-bar';

setupMswServer();

const STATUS = '*/v2/session/status';

beforeEach(() => {
  vi.useFakeTimers({
    shouldAdvanceTime: true,
    toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'],
  });
  window.localStorage.setItem('quiet-score.poll-interval', '2000');
  server.use(...appHandlers());
});
afterEach(() => {
  // Unmount while the fake clock is still in place, so Leaflet's pending frames are cancelled on it.
  cleanup();
  vi.useRealTimers();
  forgetApiKey();
  setFallbackApiKey(null);
});

/** Serves the given answers in turn (the last one repeats) and counts the requests. */
function serveSequence(answers: (() => Response)[]) {
  let calls = 0;
  server.use(
    http.get(STATUS, () => {
      const answer = answers[Math.min(calls, answers.length - 1)] as () => Response;
      calls++;
      return answer();
    }),
  );
  return { calls: () => calls };
}

const json = (body: Record<string, unknown>, init?: ResponseInit) => () =>
  HttpResponse.json(body, init);
const failedAt = (lat: number, lng: number) => ({
  lat,
  lng,
  status: 'failed' as const,
  error: 'Failed to calculate quietness score',
  analyzed_at: '2026-01-15T10:30:59.000000',
});
const tick = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('session monitor', () => {
  it('updates the gauge and charts as the session advances, then stops polling at the end', async () => {
    const seq = serveSequence([
      json(statusPayload(5)),
      json(statusPayload(10)),
      json(statusPayload(20)),
    ]);
    renderRoute('/sessions/sess_abc');
    const gauge = await screen.findByRole('progressbar', { name: 'Session progress' });
    expect(gauge).toHaveAttribute('aria-valuenow', '5');
    expect(
      screen.getByRole('img', { name: 'Outcomes: Successful 4, Failed 1, Pending 15.' }),
    ).toBeInTheDocument();

    await tick(2_100);
    await vi.waitFor(() => expect(gauge).toHaveAttribute('aria-valuenow', '10'));
    expect(
      screen.getByRole('img', { name: 'Outcomes: Successful 8, Failed 2, Pending 10.' }),
    ).toBeInTheDocument();

    await tick(2_100);
    await vi.waitFor(() => expect(gauge).toHaveAttribute('aria-valuenow', '20'));
    expect(screen.getByText(/polling stopped/)).toBeInTheDocument();
    expect(screen.getByText('COMPLETED')).toBeInTheDocument();
    const callsAtEnd = seq.calls();
    await tick(30_000);
    expect(seq.calls()).toBe(callsAtEnd);
    expect(document.title).toBe('100% · session sess_abc');
  });

  it('asks for the status once when opened, and not again when only ?view= or ?listing= change', async () => {
    window.localStorage.setItem('quiet-score.poll-interval', 'off');
    const seq = serveSequence([json(statusPayload(20))]);
    const { router } = renderRoute('/sessions/sess_abc');
    await screen.findByRole('progressbar', { name: 'Session progress' });
    expect(seq.calls()).toBe(1);
    // Long after the answer (polling is off): moving the map or opening a listing asks nothing.
    await tick(10_000);
    await act(() => router.navigate('/sessions/sess_abc?view=48.85,2.35,9', { replace: true }));
    await act(() => router.navigate('/sessions/sess_abc?listing=failed:3', { replace: true }));
    await tick(1_000);
    expect(seq.calls()).toBe(1);
    // Another session is another question.
    serveSequence([json(statusPayload(3))]);
    await act(() => router.navigate('/sessions/sess_other'));
    await vi.waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Session progress' })).toHaveAttribute(
        'aria-valuenow',
        '3',
      ),
    );
  });

  it('shows the score bands and groups failures with an explanation', async () => {
    serveSequence([json(statusPayload(20))]);
    renderRoute('/sessions/sess_abc');
    expect(
      await screen.findByRole('img', { name: /^Score bands of 16 successful results: Very Quiet/ }),
    ).toBeInTheDocument();
    const failures = screen
      .getByRole('heading', { name: 'Failures by error' })
      .closest('section') as HTMLElement;
    expect(within(failures).getByText('Failed to calculate quietness score')).toBeInTheDocument();
    expect(within(failures).getByText('4 locations')).toBeInTheDocument();
    expect(within(failures).getByText(/at sea/)).toBeInTheDocument();
  });

  it('offers to swap failed points that would be on land the other way round', async () => {
    const payload = statusPayload(5, 5);
    // Paris and Times Square, given longitude first: at sea and in Antarctica.
    payload.results.push({ ...failedAt(2.3522, 48.8566) }, { ...failedAt(-73.9855, 40.758) });
    Object.assign(payload.progress, { total: 7, processed: 7, failed: 3 });
    serveSequence([json(payload)]);
    server.use(http.get('*/v2/listings/stats', () => HttpResponse.json(DOCUMENTED.listingStats)));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderRoute('/sessions/sess_swapped');
    const offer = await screen.findByText(
      /2 failed points would be on land with latitude and longitude swapped/,
      {},
      { timeout: 5000 },
    );
    await user.click(
      within(offer).getByRole('link', { name: 'Create a session with them swapped' }),
    );
    expect(await screen.findByLabelText(/Paste coordinates/)).toHaveValue(
      '48.8566, 2.3522\n40.758, -73.9855',
    );
  });

  it('checks failures against the land only once the page has been idle', async () => {
    // The page's idle moments, run by the test (jsdom has none of its own).
    const idle: IdleRequestCallback[] = [];
    vi.stubGlobal('requestIdleCallback', (run: IdleRequestCallback) => idle.push(run));
    vi.stubGlobal('cancelIdleCallback', () => {});
    try {
      // The outline already in this page's memory: only the wait for idle can hold the offer.
      await loadLand();
      const payload = statusPayload(5, 5);
      payload.results.push({ ...failedAt(2.3522, 48.8566) });
      Object.assign(payload.progress, { total: 6, processed: 6, failed: 2 });
      serveSequence([json(payload)]);
      renderRoute('/sessions/sess_idle');
      const failures = (await screen.findByRole('heading', { name: 'Failures by error' })).closest(
        'section',
      ) as HTMLElement;
      await tick(1000);
      // The map and the cards come first: no outline loaded, so no swap offer yet.
      expect(within(failures).queryByText(/would be on land/)).not.toBeInTheDocument();
      expect(idle.length).toBeGreaterThan(0);
      await act(async () => {
        for (const run of idle.splice(0)) run({ didTimeout: false, timeRemaining: () => 50 });
      });
      expect(
        await within(failures).findByText(/1 failed point would be on land/, {}, { timeout: 5000 }),
      ).toBeInTheDocument();
    } finally {
      cleanup(); // while the page's idle callbacks can still be cancelled
      vi.unstubAllGlobals();
    }
  });

  it('keeps the last data on screen when a poll fails, marked stale, and recovers', async () => {
    serveSequence([json(statusPayload(5)), () => HttpResponse.error(), json(statusPayload(8))]);
    renderRoute('/sessions/sess_abc');
    const gauge = await screen.findByRole('progressbar', { name: 'Session progress' });
    await tick(2_100);
    expect(await screen.findByText(/stale since/)).toBeInTheDocument();
    expect(screen.getByText(/retrying in/)).toBeInTheDocument();
    expect(gauge).toHaveAttribute('aria-valuenow', '5');
    await tick(2_100);
    await vi.waitFor(() => expect(gauge).toHaveAttribute('aria-valuenow', '8'));
    expect(screen.queryByText(/stale since/)).not.toBeInTheDocument();
  });

  it('honours Retry-After on a brief 429 and says when it will retry', async () => {
    const seq = serveSequence([
      json(statusPayload(5)),
      json(
        { success: false, error: 'rate_limited', message: 'Slow down.' },
        { status: 429, headers: { 'Retry-After': '30' } },
      ),
      json(statusPayload(6)),
    ]);
    renderRoute('/sessions/sess_abc');
    await screen.findByRole('progressbar');
    await tick(2_100);
    expect(await screen.findByText(/rate limited, retrying in (29|30) s/)).toBeInTheDocument();
    await tick(20_000);
    expect(seq.calls()).toBe(2);
    await tick(12_000);
    expect(seq.calls()).toBeGreaterThanOrEqual(3);
  });

  it('re-renders nothing for a 304 or an unchanged payload', async () => {
    let calls = 0;
    server.use(
      http.get(STATUS, ({ request }) => {
        calls++;
        if (calls === 2 && request.headers.get('If-None-Match') === '"v1"')
          return new HttpResponse(null, { status: 304 });
        return HttpResponse.json(statusPayload(5), { headers: { ETag: '"v1"' } });
      }),
    );
    renderRoute('/sessions/sess_abc');
    const gauge = await screen.findByRole('progressbar');
    const outcomes = screen.getByRole('img', { name: /^Outcomes:/ });
    await tick(2_100);
    await tick(2_100);
    expect(calls).toBeGreaterThanOrEqual(3);
    // The same DOM nodes: the panels were not rebuilt.
    expect(screen.getByRole('progressbar')).toBe(gauge);
    expect(screen.getByRole('img', { name: /^Outcomes:/ })).toBe(outcomes);
  });

  it('marks a slow poll in flight with the fetching dot alone', async () => {
    let release: () => void = () => {};
    let calls = 0;
    server.use(
      http.get(STATUS, async () => {
        calls++;
        if (calls === 2) await new Promise<void>((r) => (release = r));
        return HttpResponse.json(statusPayload(5 + calls));
      }),
    );
    // A long interval: the second poll starts when the test says, however slow the first render.
    window.localStorage.setItem('quiet-score.poll-interval', '30000');
    renderRoute('/sessions/sess_abc');
    const gauge = await screen.findByRole('progressbar');
    expect(screen.getByText('Idle')).toBeInTheDocument();
    await tick(30_100);
    await vi.waitFor(() => expect(calls).toBe(2));
    // (A poll in flight for less than the delay changes nothing: the next test.)
    await tick(FETCHING_DOT_DELAY_MS);
    await vi.waitFor(() => expect(screen.getByText('Fetching')).toBeInTheDocument());
    expect(gauge).toHaveAttribute('aria-valuenow', '6');
    release();
    await vi.waitFor(() => expect(gauge).toHaveAttribute('aria-valuenow', '7'));
    expect(screen.getByText('Idle')).toBeInTheDocument();
  });

  it('never lights the fetching dot for a fast poll', async () => {
    let calls = 0;
    server.use(
      http.get(STATUS, async () => {
        calls++;
        if (calls === 2) await delay(FETCHING_DOT_DELAY_MS / 3);
        return HttpResponse.json(statusPayload(5 + calls));
      }),
    );
    renderRoute('/sessions/sess_abc');
    const gauge = await screen.findByRole('progressbar');
    const dot = screen.getByText('Idle');
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(dot.textContent ?? ''));
    observer.observe(dot, { characterData: true, childList: true, subtree: true });
    await tick(2_100);
    await tick(FETCHING_DOT_DELAY_MS / 3);
    await vi.waitFor(() => expect(gauge).toHaveAttribute('aria-valuenow', '7'));
    await tick(FETCHING_DOT_DELAY_MS * 2);
    observer.disconnect();
    expect(calls).toBe(2);
    expect(seen).toEqual([]);
    expect(dot).toHaveTextContent('Idle');
  });

  it('pauses and resumes polling, and refreshes on demand', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const seq = serveSequence([
      json(statusPayload(5)),
      json(statusPayload(6)),
      json(statusPayload(7)),
    ]);
    renderRoute('/sessions/sess_abc');
    await screen.findByRole('progressbar');
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    await tick(10_000);
    expect(seq.calls()).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Refresh now' }));
    await vi.waitFor(() => expect(seq.calls()).toBe(2));
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    await tick(2_100);
    await vi.waitFor(() => expect(seq.calls()).toBe(3));
  });

  it('stops at a used-up monthly quota, says until when, and keeps the session across a reload', async () => {
    const used = json(
      {
        success: false,
        error: 'quota_exceeded',
        message: 'This key has used all 100 API calls of its trial plan this month.',
      },
      { status: 429, headers: { 'Retry-After': String(3 * 86_400) } },
    );
    const seq = serveSequence([json(statusPayload(12)), used]);
    const view = renderRoute('/sessions/sess_quota');
    await screen.findByRole('progressbar');
    await tick(2_100);
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('This API key’s monthly calls are used up');
    expect(notice).toHaveTextContent(/until the quota resets on .*2026/);
    expect(notice).toHaveTextContent('Polling has stopped.');
    expect(screen.getByText(/monthly quota used up/)).toBeInTheDocument();
    expect(screen.queryByText(/retrying in/)).not.toBeInTheDocument();
    // The header's usage says so too, whatever it had counted.
    expect(screen.getByRole('link', { name: /50,000\/50,000 calls/ })).toBeInTheDocument();
    // What was loaded stays on screen, and nothing asks again: not a timer, not a refocus.
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '12');
    await tick(120_000);
    window.dispatchEvent(new Event('focus'));
    await tick(5_000);
    expect(seq.calls()).toBe(2);
    // A reload (a new page) while refused: the last status this browser kept, marked "as of".
    view.unmount();
    renderRoute('/sessions/sess_quota');
    expect(await screen.findByRole('progressbar')).toHaveAttribute('aria-valuenow', '12');
    expect(screen.getByRole('alert')).toHaveTextContent(/as of .*, as this browser kept it/);
  });

  it('never shows a kept status for a session the API says does not exist', async () => {
    serveSequence([json(statusPayload(12))]);
    const view = renderRoute('/sessions/sess_gone');
    await screen.findByRole('progressbar');
    view.unmount();
    server.use(
      http.get(STATUS, () =>
        HttpResponse.json(
          { success: false, error: 'not_found', message: 'No such session.' },
          { status: 404 },
        ),
      ),
    );
    renderRoute('/sessions/sess_gone');
    expect(
      await screen.findByRole('heading', { name: 'No session with this ID for this key' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says what watching costs, one call per poll, or shared in team mode', async () => {
    serveSequence([json(statusPayload(5))]);
    const view = renderRoute('/sessions/sess_cost');
    expect(
      await screen.findByText(/^≈ 30 API calls\/min · about [\d,]+ more to the end$/),
    ).toBeInTheDocument();
    view.unmount();
    server.use(
      http.get('*/api/config', () =>
        HttpResponse.json({
          ...EMULATOR_CONFIG,
          mode: 'proxy',
          demoKey: null,
          sharedPolling: { minIntervalMs: 5_000 },
        }),
      ),
    );
    renderRoute('/sessions/sess_cost');
    expect(
      await screen.findByText(/^≈ 12 API calls\/min, shared by everyone watching/),
    ).toBeInTheDocument();
    // The cost follows the interval.
    await userEvent
      .setup({ advanceTimers: vi.advanceTimersByTime })
      .selectOptions(screen.getByRole('combobox', { name: 'Every' }), '10000');
    expect(screen.getByText(/^≈ 6 API calls\/min, shared/)).toBeInTheDocument();
  });

  it("warns before watching would use up the month's calls, and offers to slow down", async () => {
    serveSequence([json(statusPayload(5))]);
    server.use(
      http.get('*/v2/account/usage', () =>
        HttpResponse.json({
          ...DOCUMENTED.accountUsage,
          response: {
            ...DOCUMENTED.accountUsage.response,
            'API Key Current Usage': 97,
            'API Key Max Plan Usage': 100,
          },
        }),
      ),
    );
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderRoute('/sessions/sess_short');
    const warning = await screen.findByText(/API calls? left this month: watching to the end/);
    expect(warning).toHaveTextContent(/^3 API calls left this month/);
    await user.click(within(warning).getByRole('button', { name: 'Turn polling off' }));
    expect(screen.getByRole('combobox', { name: 'Every' })).toHaveValue('off');
    expect(screen.queryByText(/left this month/)).not.toBeInTheDocument();
  });

  it('lets polls accept an answer as old as the interval, but asks fresh on "Refresh now"', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const cacheControl: (string | null)[] = [];
    server.use(
      http.get(STATUS, ({ request }) => {
        cacheControl.push(request.headers.get('Cache-Control'));
        return HttpResponse.json(statusPayload(5));
      }),
    );
    renderRoute('/sessions/sess_age');
    await screen.findByRole('progressbar');
    await tick(2_100);
    await vi.waitFor(() => expect(cacheControl).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Refresh now' }));
    await vi.waitFor(() => expect(cacheControl).toHaveLength(3));
    expect(cacheControl).toEqual([null, 'max-age=2', null]);
  });

  it('shows the unknown status verbatim', async () => {
    serveSequence([json(statusPayload(5, 20, 'REBALANCING'))]);
    renderRoute('/sessions/sess_abc');
    expect(await screen.findByText('REBALANCING')).toBeInTheDocument();
  });
});

describe('session monitor without data', () => {
  it('404 → says no session with this ID for this key, with the ID and a way back', async () => {
    serveSequence([
      json(
        { success: false, error: 'not_found', message: 'No session with this ID for this key.' },
        { status: 404 },
      ),
    ]);
    renderRoute('/sessions/sess_missing');
    expect(
      await screen.findByRole('heading', { name: 'No session with this ID for this key' }),
    ).toBeInTheDocument();
    expect(screen.getByText('sess_missing')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to sessions' })).toHaveAttribute('href', '/');
    // A lookup that failed is not kept among the recent sessions.
    await tick(100);
    expect(getRecentSessions().map((r) => r.sessionId)).not.toContain('sess_missing');
  });

  it('remembers a session among the recent ones once it answers', async () => {
    serveSequence([json(statusPayload(20))]);
    renderRoute('/sessions/sess_found');
    await screen.findByRole('progressbar', { name: 'Session progress' });
    await vi.waitFor(() =>
      expect(getRecentSessions()[0]).toMatchObject({
        sessionId: 'sess_found',
        status: 'COMPLETED',
        processed: 20,
      }),
    );
  });

  it('401 → opens the API-key dialog, then retries with the new key', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    server.use(
      http.get(STATUS, ({ request }) =>
        request.headers.get('Authorization') === 'good-key'
          ? HttpResponse.json(statusPayload(5))
          : HttpResponse.json(
              { success: false, error: 'unauthorized', message: 'Unknown API key.' },
              { status: 401 },
            ),
      ),
    );
    renderRoute('/sessions/sess_abc');
    const dialog = await screen.findByRole('dialog', { name: 'Quiet Score API key' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/did not accept/);
    await user.type(within(dialog).getByLabelText('API key'), 'good-key');
    await user.click(within(dialog).getByRole('button', { name: 'Save key' }));
    expect(await screen.findByRole('progressbar')).toHaveAttribute('aria-valuenow', '5');
  });

  it('invalid payload → names the field and shows the raw response', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    serveSequence([json({ ...statusPayload(2), progress: { total: 'twenty' } })]);
    renderRoute('/sessions/sess_abc');
    expect(await screen.findByText(/progress\.total/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Show the raw response/ }));
    expect(screen.getByText(/"twenty"/)).toBeInTheDocument();
  });

  it('network down → says it cannot reach the server and when it retries', async () => {
    // The first poll fails at the network; later ones hang (so unmounting aborts nothing mid-error).
    let calls = 0;
    server.use(
      http.get(STATUS, () => (calls++ === 0 ? HttpResponse.error() : new Promise<never>(() => {}))),
    );
    renderRoute('/sessions/sess_abc');
    expect(
      await screen.findByRole('heading', { name: 'Can’t reach the server' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Retrying in \d+ s/)).toBeInTheDocument();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import { appHandlers } from '@/test/app-handlers';
import { server, setupMswServer } from '@/test/msw';
import { renderRoute } from '@/test/render';

setupMswServer();

let created: unknown[] = [];

beforeEach(() => {
  created = [];
  server.use(
    ...appHandlers(),
    http.get('*/v2/listings/stats', () =>
      HttpResponse.json({ ...DOCUMENTED.listingStats, remaining: 600 }),
    ),
    http.post('*/v2/session/new', async ({ request }) => {
      const body = (await request.json()) as { locations: unknown[] };
      created.push(body);
      return HttpResponse.json({
        session_id: `sess_new${created.length}`,
        total_locations: body.locations.length,
        submitted_at: '2026-01-15T10:30:00.000000',
      });
    }),
    http.get('*/v2/session/status', () => HttpResponse.json(DOCUMENTED.sessionStatusCurrent)),
  );
});

const paste = (text: string) =>
  fireEvent.change(screen.getByLabelText(/Paste coordinates/), { target: { value: text } });

describe('new session form', () => {
  it('lists every problem with its line and text, and can drop the bad rows', async () => {
    const user = userEvent.setup();
    renderRoute('/sessions/new');
    await screen.findByRole('heading', { name: 'New session' });
    paste('48.85,2.35\nnorth,2\n120,45\n40.7,-74\n40.7,-74.0000001');
    const problems = screen.getByRole('heading', { name: '2 problems to fix' })
      .parentElement as HTMLElement;
    const items = within(problems)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toMatch(/^Line 2.*“north” is not a number.*north,2/);
    expect(items[1]).toMatch(/^Line 3.*look swapped.*120,45/);
    expect(screen.getByText('1 duplicate at 6 decimals merged')).toBeInTheDocument();
    // The summary says what is valid, what is not and what was merged, as one status line.
    expect(screen.getByRole('status')).toHaveTextContent(
      /^2 valid locations, 2 with problems, 1 duplicates merged\.$/,
    );
    await user.click(
      screen.getByRole('button', { name: 'Drop 2 bad rows and create the session' }),
    );
    // The monitor opens: its route code, then its panels after the header's first paint.
    await screen.findByRole('progressbar', {}, { timeout: 5000 });
    expect(created).toEqual([
      {
        locations: [
          { lat: 48.85, lng: 2.35 },
          { lat: 40.7, lng: -74 },
        ],
      },
    ]);
  });

  it('flags points given longitude first and swaps them, one or all, before creating', async () => {
    const user = userEvent.setup();
    renderRoute('/sessions/new');
    await screen.findByRole('heading', { name: 'New session' });
    // Paris and Times Square given longitude first (the Indian Ocean, Antarctica), then Tokyo
    // the right way round, then a latitude beyond ±90.
    paste('2.3522, 48.8566\n-73.9855, 40.758\n35.6812, 139.7671\n120, 45');
    const check = (
      await screen.findByRole('heading', { name: '2 locations are probably given longitude first' })
    ).closest('section') as HTMLElement;
    expect(
      within(check)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Line 12.3522, 48.8566 → 48.8566, 2.3522Swap',
      'Line 2-73.9855, 40.758 → 40.758, -73.9855Swap',
    ]);
    await user.click(within(check).getByRole('button', { name: 'Swap line 2' }));
    expect(
      screen.getByRole('heading', { name: '1 location is probably given longitude first' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Swap it' }));
    expect(screen.queryByRole('heading', { name: /longitude first/ })).not.toBeInTheDocument();
    expect(screen.getByText(/Latitude and longitude swapped on 2 lines/)).toBeInTheDocument();
    // The out-of-range row offers the same fix.
    await user.click(screen.getByRole('button', { name: 'Swap line 4' }));
    await user.click(screen.getByRole('button', { name: 'Create session' }));
    // The monitor opens: its route code, then its panels after the header's first paint.
    await screen.findByRole('progressbar', {}, { timeout: 5000 });
    expect(created).toEqual([
      {
        locations: [
          { lat: 48.8566, lng: 2.3522 },
          { lat: 40.758, lng: -73.9855 },
          { lat: 35.6812, lng: 139.7671 },
          { lat: 45, lng: 120 },
        ],
      },
    ]);
  });

  it('makes a run of more than 500 locations, whose page submits them as sessions', async () => {
    const user = userEvent.setup();
    renderRoute('/sessions/new');
    await screen.findByRole('heading', { name: 'New session' });
    paste(
      Array.from({ length: 700 }, (_, i) => `${(i % 80) - 40 + i / 1000},${i / 10}`).join('\n'),
    );
    expect(screen.getByRole('note')).toHaveTextContent(
      'These 700 can go as 2 sessions (500 + 200)',
    );
    await user.click(screen.getByRole('button', { name: 'Create a run of 2 sessions' }));
    const list = await screen.findByRole('table', { name: 'The run’s sessions' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('link')
          .map((a) => a.textContent),
      ).toEqual(['sess_new1', 'sess_new2']),
    );
    expect(await screen.findByText('All 2 chunks handled: 2 sessions created.')).toBeVisible();
    expect(created.map((c) => (c as { locations: unknown[] }).locations.length)).toEqual([
      500, 200,
    ]);
  });

  it('warns when the session would pass the listing cap', async () => {
    renderRoute('/sessions/new');
    await screen.findByRole('heading', { name: 'New session' });
    paste(Array.from({ length: 700 }, (_, i) => `${i / 100},${i / 100 + 1}`).join('\n'));
    expect(
      await screen.findByText(
        /600 listing slots left, fewer than these 700 locations: up to 100 of them would fail/,
      ),
    ).toBeInTheDocument();
  });

  it('keeps the input and shows the API error in place', async () => {
    server.use(
      http.post('*/v2/session/new', () =>
        HttpResponse.json(
          { success: false, error: 'quota_exceeded', message: 'Monthly API calls used up.' },
          { status: 429 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderRoute('/sessions/new');
    await screen.findByRole('heading', { name: 'New session' });
    paste('48.85,2.35');
    await user.click(screen.getByRole('button', { name: 'Create session' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Monthly API calls used up. Your locations are still here.',
    );
    expect(screen.getByLabelText(/Paste coordinates/)).toHaveValue('48.85,2.35');
  });
});

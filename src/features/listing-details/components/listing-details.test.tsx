import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '@/api/query-client';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import type { Listing } from '@/contract/schemas';
import { toRows, withAnalysis } from '@/lib/results';
import { server, setupMswServer } from '@/test/msw';
import { statusPayload } from '@/test/session-fixtures';
import { ListingDetails } from './listing-details';

setupMswServer();

const rows = toRows(statusPayload(10).results);
const success = rows[0]!;
const failed = rows[4]!;

function renderDetails(row = success, extra: Partial<Parameters<typeof ListingDetails>[0]> = {}) {
  const props = {
    row,
    position: { index: 0, count: rows.length },
    deleted: false,
    onClose: vi.fn(),
    onPrevious: vi.fn(),
    onNext: vi.fn(),
    ...extra,
  };
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ListingDetails {...props} />
    </QueryClientProvider>,
  );
  return props;
}

/** The documented answer, for the listing this result names (as the API answers while it lives). */
function quietnessOf(row = success, response: object = DOCUMENTED.quietnessSingle.response) {
  const r = row.result;
  const listingId = r.status === 'success' ? r.listing_id : 'none';
  return { ...DOCUMENTED.quietnessSingle, response: { ...response, listing_id: listingId } };
}

function serveQuietness(response: unknown, status = 200) {
  let calls = 0;
  server.use(
    http.get('*/v2/listing/quietness', () => {
      calls++;
      return HttpResponse.json(response as Record<string, unknown>, { status });
    }),
  );
  return () => calls;
}

describe('ListingDetails', () => {
  it('shows the status result at once, then the full analysis from one call', async () => {
    const calls = serveQuietness(quietnessOf());
    renderDetails();
    const r = success.result;
    if (r.status !== 'success') throw new Error('fixture');
    expect(screen.getByText(String(r.quiet_score))).toBeInTheDocument();
    expect(screen.getByText(r.listing_id, { exact: false })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Loading the full analysis');
    expect(await screen.findByText('Freeway Ramp to San Mateo Boulevard')).toBeInTheDocument();
    expect(screen.getByText(/one API call per listing/)).toBeInTheDocument();
    expect(screen.getByText('≈ 48.2 dBA')).toBeInTheDocument();
    expect(screen.getByText(/estimated dBA, modeled, not measured/)).toBeInTheDocument();
    expect(screen.getByText(/quiet office/)).toBeInTheDocument();
    expect(screen.getByText('0.72 mi (1.16 km) away')).toBeInTheDocument();
    const sources = screen.getByRole('heading', { name: 'Noise sources' })
      .parentElement as HTMLElement;
    const names = within(sources)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(names[0]).toContain('73.5 dB');
    expect(names[2]).toContain('54.6 dB');
    expect(calls()).toBe(1);
  });

  it('renders API strings as text: markup in a source name runs nothing', async () => {
    const evil = '<img src=x onerror="window.__xss=1">';
    const listing = {
      ...DOCUMENTED.quietnessSingle.response,
      quietness_description: '<b>bold?</b>',
      noise_sources: [
        {
          name: evil,
          nearest_source: evil,
          distance: 1,
          category: 'x',
          estimated_effective_db: 50,
        },
      ],
    };
    serveQuietness(quietnessOf(success, listing));
    renderDetails();
    expect(await screen.findAllByText(evil)).toHaveLength(2);
    expect(screen.getByText('<b>bold?</b>')).toBeInTheDocument();
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('says when the listing was deleted elsewhere and the lookup created a new one', async () => {
    const row = rows[1]!;
    const calls = serveQuietness({
      ...DOCUMENTED.quietnessSingle,
      response: { ...DOCUMENTED.quietnessSingle.response, listing_id: 'new-listing-7' },
    });
    renderDetails(row);
    expect(await screen.findByText('A new listing was created in its place.')).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('New listing ID: new-listing-7');
    // The new listing's analysis is the one already fetched: one call in all.
    expect(screen.getByText('Freeway Ramp to San Mateo Boulevard')).toBeInTheDocument();
    expect(screen.getByText('Deleted')).toBeInTheDocument();
    expect(calls()).toBe(1);
    // Remembered in this browser: opened again (a new page), nothing is fetched unasked.
    cleanup();
    renderDetails(row);
    expect(screen.getByRole('note')).toHaveTextContent('New listing ID: new-listing-7');
    expect(
      screen.getByRole('button', { name: 'Show the new listing’s analysis (one API call)' }),
    ).toBeInTheDocument();
    expect(calls()).toBe(1);
    expect(
      JSON.parse(window.localStorage.getItem('quiet-score.replaced-listings') ?? '{}'),
    ).toEqual({
      [row.selectionKey]: 'new-listing-7',
    });
  });

  it('explains a failed location and fetches nothing', async () => {
    const calls = serveQuietness(quietnessOf());
    renderDetails(failed);
    expect(screen.getByRole('heading', { name: 'Failed location' })).toBeInTheDocument();
    expect(screen.getByText('Failed to calculate quietness score')).toBeInTheDocument();
    expect(screen.getByText(/at sea/)).toBeInTheDocument();
    expect(calls()).toBe(0);
  });

  it('says what went wrong when the analysis cannot be loaded, with a retry', async () => {
    serveQuietness(
      { success: false, error: 'quota_exceeded', message: 'Monthly API calls used up.' },
      429,
    );
    renderDetails();
    expect(await screen.findByRole('alert')).toHaveTextContent('Monthly API calls used up.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('closes on Escape and steps with Alt+arrows', async () => {
    serveQuietness(quietnessOf());
    const user = userEvent.setup();
    const props = renderDetails();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(props.onNext).toHaveBeenCalledTimes(1);
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(props.onPrevious).toHaveBeenCalledTimes(1);
    await user.keyboard('{Escape}');
    expect(props.onClose).toHaveBeenCalledTimes(1);
  });

  it('confirms a deletion with the deletions left, and explains a 409', async () => {
    serveQuietness(quietnessOf());
    server.use(
      http.get('*/v2/listings/stats', () =>
        HttpResponse.json({ ...DOCUMENTED.listingStats, deletions_remaining: 7 }),
      ),
      http.delete('*/v2/listings/:id', () =>
        HttpResponse.json(
          { success: false, error: 'deletion_limit_reached', message: 'No deletions left.' },
          { status: 409 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderDetails();
    await user.click(screen.getByRole('button', { name: 'Delete listing…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this listing?' });
    expect(
      await within(dialog).findByText('This uses 1 of your 7 remaining deletions.'),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete listing' }));
    expect(await screen.findByText(/permanent deletion limit is used up/)).toBeInTheDocument();
  });

  it('reads and fills the analysis kept in this browser: a reload costs no call', async () => {
    const calls = serveQuietness(quietnessOf());
    renderDetails();
    expect(await screen.findByText('Freeway Ramp to San Mateo Boulevard')).toBeInTheDocument();
    cleanup();
    // A new page (a new query client): the kept analysis shows without asking again.
    renderDetails();
    expect(await screen.findByText('Freeway Ramp to San Mateo Boulevard')).toBeInTheDocument();
    expect(calls()).toBe(1);
  });

  it('shows the analysis loaded with the session’s without a call', async () => {
    const calls = serveQuietness(quietnessOf());
    const listing = quietnessOf().response as Listing;
    const [row] = withAnalysis(rows, new Map([[success.selectionKey, { kind: 'ok', listing }]]));
    renderDetails(row);
    expect(screen.getByText('Freeway Ramp to San Mateo Boulevard')).toBeInTheDocument();
    expect(calls()).toBe(0);
  });

  it('says "analysis unavailable" with the raw answer for one that broke the contract', async () => {
    const calls = serveQuietness(quietnessOf());
    const raw = { id: 'x', status: 'OK', response: { quiet_score: 'loud' } };
    const [row] = withAnalysis(
      rows,
      new Map([
        [
          success.selectionKey,
          {
            kind: 'invalid',
            raw,
            message: 'Analysis unavailable: response.quiet_score: expected number.',
          },
        ],
      ]),
    );
    renderDetails(row);
    const note = screen.getByRole('note');
    expect(note).toHaveTextContent('response.quiet_score: expected number');
    await userEvent.click(within(note).getByText('Show the raw response'));
    expect(within(note).getByText(/"quiet_score": "loud"/)).toBeVisible();
    expect(calls()).toBe(0);
    // Its own lookup, on request: one call, and the analysis shows.
    await userEvent.click(within(note).getByRole('button', { name: /one API call/ }));
    expect(await screen.findByText('Freeway Ramp to San Mateo Boulevard')).toBeInTheDocument();
    expect(calls()).toBe(1);
  });
});

import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '@/api/query-client';
import { readRun, saveRun } from '@/lib/browser-db';
import { newRun } from '@/lib/runs';
import { server, setupMswServer } from '@/test/msw';
import { RunQueue } from './run-queue';

setupMswServer();

/** The queue as the run page shows it: the run read from this browser's store. */
function StoredRunQueue({ id }: { id: string }) {
  const key = ['run', id];
  const { data } = useQuery({ queryKey: key, queryFn: () => readRun(id) });
  return data ? <RunQueue run={data} runQueryKey={key} /> : null;
}

describe('RunQueue', () => {
  it('stops when the API refuses the key, and goes on from there on "Try again"', async () => {
    const run = newRun(
      'Portfolio',
      [0, 1].map((i) => ({ locations: [{ lat: 10 + i, lng: 20 }], rows: {} })),
      { columns: [], source: null },
    );
    await saveRun(run);
    let keyFixed = false;
    let created = 0;
    server.use(
      http.post('*/v2/session/new', () => {
        if (!keyFixed)
          return HttpResponse.json(
            { success: false, error: 'unauthorized', message: 'Invalid API key.' },
            { status: 401 },
          );
        created++;
        return HttpResponse.json({
          session_id: `sess_${created}`,
          total_locations: 1,
          submitted_at: '2026-01-15T10:30:00',
        });
      }),
    );
    render(
      <QueryClientProvider client={createQueryClient()}>
        <StoredRunQueue id={run.id} />
      </QueryClientProvider>,
    );

    expect(
      await screen.findByText(/^Stopped with 2 chunks left: The API refused the key/),
    ).toBeInTheDocument();
    expect((await readRun(run.id))?.chunks.map((c) => c.state)).toEqual(['pending', 'pending']);

    keyFixed = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText('All 2 chunks handled: 2 sessions created.'),
    ).toBeInTheDocument();
    expect(created).toBe(2);
    expect((await readRun(run.id))?.sessions).toEqual(['sess_1', 'sess_2']);
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });
});

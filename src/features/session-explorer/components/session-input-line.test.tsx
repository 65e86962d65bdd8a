import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { appHandlers } from '@/test/app-handlers';
import { server, setupMswServer } from '@/test/msw';
import { renderRoute } from '@/test/render';
import { statusPayload } from '@/test/session-fixtures';

setupMswServer();

beforeEach(() => {
  server.use(
    ...appHandlers(),
    http.get('*/v2/session/status', () => HttpResponse.json(statusPayload(10, 10))),
  );
});

describe('a session whose input this browser lacks', () => {
  it('says so, takes the input file, and names results and failures by it', async () => {
    const user = userEvent.setup();
    renderRoute('/sessions/sess_elsewhere');
    // The results' code loads after the first answer (a chunk of its own): allow it the time.
    expect(
      await screen.findByText(
        'This browser does not have the input rows of this session.',
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    const csv = new File(
      ['ref,name,lat,lng\nA-1,Le Bristol,48.0000,2.0000\nA-5,Lost at sea,35.04,-40\n'],
      'hotels.csv',
      { type: 'text/csv' },
    );
    await user.upload(screen.getByLabelText('Attach the input file'), csv);
    expect(
      await screen.findByText(
        (_, el) =>
          el?.tagName === 'P' &&
          /^Your rows from hotels\.csv \(ref, name\): 2 of 10 results matched\.$/.test(
            el.textContent ?? '',
          ),
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(within(table).getByRole('columnheader', { name: /name/ })).toBeInTheDocument();
    const first = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(first).toHaveTextContent('A-1');
    expect(first).toHaveTextContent('Le Bristol');
    // The failures say whose they are.
    const failures = screen
      .getByRole('heading', { name: 'Failures by error' })
      .closest('section') as HTMLElement;
    expect(within(failures).getByText('Lost at sea')).toBeInTheDocument();
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { appHandlers } from '@/test/app-handlers';
import { server, setupMswServer } from '@/test/msw';
import { renderRoute } from '@/test/render';

setupMswServer();

async function open(text: string) {
  server.use(...appHandlers());
  const user = userEvent.setup();
  const view = renderRoute('/');
  await user.click(await screen.findByLabelText(/Session ID, link or JSON/));
  await user.paste(text);
  await user.click(screen.getByRole('button', { name: 'Open session' }));
  return view.router;
}

describe('the start page’s session box', () => {
  it('opens several IDs, on lines, with commas or spaces, as one run', async () => {
    const router = await open('sess_a1\nsess_b2, sess_c3 sess_a1\n');
    await waitFor(() => expect(router.state.location.pathname).toBe('/runs/view'));
    expect(router.state.location.search).toBe('?sessions=sess_a1,sess_b2,sess_c3');
  });

  it('opens the one ID in a sentence as a session, not a run of words', async () => {
    const router = await open('please open sess_abc123 now');
    await waitFor(() => expect(router.state.location.pathname).toBe('/sessions/sess_abc123'));
  });

  it('says what is wrong with words that are no ID', async () => {
    const router = await open('not a session id!');
    expect(await screen.findByRole('alert')).toHaveTextContent('is not a session ID');
    expect(router.state.location.pathname).toBe('/');
  });
});

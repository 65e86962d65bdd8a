import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { rememberSession } from '@/lib/recent-sessions';
import { appHandlers } from '@/test/app-handlers';
import { server, setupMswServer } from '@/test/msw';
import { renderRoute } from '@/test/render';
import { statusPayload } from '@/test/session-fixtures';

setupMswServer();

beforeEach(() => server.use(...appHandlers()));

describe('recent sessions', () => {
  it('asks again about sessions last seen running, so one that ended says so; not the others', async () => {
    const asked: string[] = [];
    server.use(
      http.get('*/v2/session/status', ({ request }) => {
        const id = new URL(request.url).searchParams.get('session_id') ?? '';
        asked.push(id);
        return HttpResponse.json(statusPayload(20, 20));
      }),
    );
    rememberSession({ sessionId: 'sess_done', status: 'COMPLETED', processed: 8, total: 8 });
    rememberSession({ sessionId: 'sess_left', status: 'PROCESSING', processed: 3, total: 20 });
    renderRoute('/');
    expect(await screen.findByText(/^COMPLETED · 20\/20/)).toBeInTheDocument();
    expect(screen.getByText(/^COMPLETED · 8\/8/)).toBeInTheDocument();
    expect(screen.queryByText(/PROCESSING/)).not.toBeInTheDocument();
    expect(asked).toEqual(['sess_left']);
  });
});

import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '@/api/query-client';
import { sessionKeys } from '@/api/queries';
import type { SessionStatus } from '@/contract/schemas';
import { server, setupMswServer } from '@/test/msw';
import { statusPayload } from '@/test/session-fixtures';
import { pollInputOf, sessionStatusOptions } from './status-query';

setupMswServer();

const prefs = { intervalMs: 5_000, paused: false };

describe('sessionStatusOptions: poll tracking belongs to the query client', () => {
  it('counts failures and samples per client, and a new client starts afresh', async () => {
    let fail = true;
    server.use(
      http.get('*/v2/session/status', () =>
        fail ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json(statusPayload(3)),
      ),
    );
    const a = createQueryClient();
    const options = sessionStatusOptions('sess_track', prefs);
    for (let i = 0; i < 2; i++) await a.fetchQuery({ ...options, staleTime: 0 }).catch(() => null);
    const queryOf = (client: typeof a) =>
      client.getQueryCache().find<SessionStatus>({ queryKey: sessionKeys.status('sess_track') });
    const inA = queryOf(a);
    expect(inA && pollInputOf(inA, prefs).failureCount).toBe(2);

    const b = createQueryClient();
    fail = false;
    await b.fetchQuery(options);
    const inB = queryOf(b);
    expect(inB && pollInputOf(inB, prefs).failureCount).toBe(0);
    // A success resets the count in the client that failed.
    await a.fetchQuery({ ...options, staleTime: 0 });
    expect(inA && pollInputOf(inA, prefs).failureCount).toBe(0);
    a.clear();
    b.clear();
  });
});

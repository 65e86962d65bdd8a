import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import type { AccountUsage } from '@/contract/schemas';
import { server, setupMswServer } from '@/test/msw';
import { statusPayload } from '@/test/session-fixtures';
import { fetchSessionStatus, accountKeys } from './queries';
import { createQueryClient } from './query-client';

setupMswServer();

const usedOf = (client: ReturnType<typeof createQueryClient>) =>
  client.getQueryData<AccountUsage>(accountKeys.usage)?.response['API Key Current Usage'];

describe('the usage the header shows', () => {
  it('counts each call this browser makes, not those a shared cache answered, nor refusals', async () => {
    const client = createQueryClient();
    client.setQueryData(accountKeys.usage, DOCUMENTED.accountUsage, { updatedAt: 1 });
    const start = DOCUMENTED.accountUsage.response['API Key Current Usage'];
    let age: string | null = null;
    server.use(
      http.get('*/v2/session/status', () =>
        HttpResponse.json(statusPayload(3), { headers: age ? { Age: age } : {} }),
      ),
    );
    await fetchSessionStatus('sess_a');
    await fetchSessionStatus('sess_a');
    expect(usedOf(client)).toBe(start + 2);
    // Answered from the server's shared cache (team mode): no call of ours.
    age = '2';
    await fetchSessionStatus('sess_a');
    expect(usedOf(client)).toBe(start + 2);
    // Counting keeps the answer's age: it still goes stale and is fetched again to reconcile.
    expect(client.getQueryState(accountKeys.usage)?.dataUpdatedAt).toBe(1);
    // A refusal for want of calls: all the month's calls are used.
    server.use(
      http.get('*/v2/session/status', () =>
        HttpResponse.json(
          { success: false, error: 'quota_exceeded', message: 'Used up.' },
          { status: 429, headers: { 'Retry-After': '86400' } },
        ),
      ),
    );
    await expect(fetchSessionStatus('sess_a')).rejects.toMatchObject({ status: 429 });
    expect(usedOf(client)).toBe(DOCUMENTED.accountUsage.response['API Key Max Plan Usage']);
  });
});

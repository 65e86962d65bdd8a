import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { setupMswServer, server } from '@/test/msw';
import { statusPayload } from '@/test/session-fixtures';
import { ApiError } from './client';
import { fetchSessionStatus } from './queries';

setupMswServer();

const STATUS = '*/v2/session/status';

describe('fetchSessionStatus', () => {
  it('keeps unchanged results as the same objects from one poll to the next', async () => {
    let processed = 3;
    server.use(http.get(STATUS, () => HttpResponse.json(statusPayload(processed))));
    const first = await fetchSessionStatus('sess_same');
    processed = 5;
    const second = await fetchSessionStatus('sess_same', { previous: first });
    expect(second.results).toHaveLength(5);
    expect(second.results?.slice(0, 3)).toEqual(first.results);
    second.results?.slice(0, 3).forEach((r, i) => expect(r).toBe(first.results?.[i]));
  });

  it('fails clearly, after one request, on a 304 it has no data for', async () => {
    let calls = 0;
    server.use(
      http.get(STATUS, () => {
        calls++;
        return new HttpResponse(null, { status: 304 });
      }),
    );
    const error = await fetchSessionStatus('sess_never_seen').catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/304/);
  });

  it('answers an unasked-for 304 with the last data it has', async () => {
    let calls = 0;
    server.use(
      http.get(STATUS, () => {
        calls++;
        // No ETag: the next request is not conditional, yet this server answers 304.
        return calls === 1
          ? HttpResponse.json(statusPayload(2))
          : new HttpResponse(null, { status: 304 });
      }),
    );
    const first = await fetchSessionStatus('sess_no_etag');
    expect(await fetchSessionStatus('sess_no_etag', { previous: first })).toBe(first);
    expect(calls).toBe(2);
  });

  it('lets a poll accept an answer as old as its interval, but never the first load', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(STATUS, ({ request }) => {
        seen.push(request.headers.get('Cache-Control'));
        return HttpResponse.json(statusPayload(1));
      }),
    );
    const first = await fetchSessionStatus('sess_age', { maxAgeMs: 5_000 });
    await fetchSessionStatus('sess_age', { previous: first, maxAgeMs: 5_000 });
    await fetchSessionStatus('sess_age', { previous: first, maxAgeMs: null });
    expect(seen).toEqual([null, 'max-age=5', null]);
  });
});

import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { setupMswServer, server } from '@/test/msw';
import { forgetApiKey, setApiKey, setFallbackApiKey } from '../lib/api-key';
import { ApiError, apiRequest, parseRetryAfter } from './client';
import { getSessionStatus } from './endpoints';
import { DOCUMENTED } from '../contract/fixtures/documented-examples';
import { sessionStatusResponse } from '../contract/schemas';

setupMswServer();
afterEach(() => {
  forgetApiKey();
  setFallbackApiKey(null);
});

const STATUS_URL = 'http://localhost:3000/v2/session/status';

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('apiRequest', () => {
  it('sends the raw key in Authorization, never in the URL, and parses with the schema', async () => {
    setApiKey('secret-key-1234', false);
    let seen: { auth: string | null; url: string } | null = null;
    server.use(
      http.get(STATUS_URL, ({ request }) => {
        seen = { auth: request.headers.get('Authorization'), url: request.url };
        return HttpResponse.json(DOCUMENTED.sessionStatusCurrent, { headers: { ETag: '"v1"' } });
      }),
    );
    const result = await getSessionStatus('sess_abc');
    expect(seen).toEqual({ auth: 'secret-key-1234', url: `${STATUS_URL}?session_id=sess_abc` });
    expect(result.notModified).toBe(false);
    if (!result.notModified) {
      expect(result.data.progress.processed).toBe(25);
      expect(result.etag).toBe('"v1"');
    }
  });

  it('falls back to the emulator demo key until the user enters one', async () => {
    setFallbackApiKey('demo-insight');
    const keys: (string | null)[] = [];
    server.use(
      http.get(STATUS_URL, ({ request }) => {
        keys.push(request.headers.get('Authorization'));
        return HttpResponse.json(DOCUMENTED.sessionStatusCurrent);
      }),
    );
    await getSessionStatus('a');
    setApiKey('mine', false);
    await getSessionStatus('a');
    expect(keys).toEqual(['demo-insight', 'mine']);
  });

  it('sends If-None-Match and reports a 304 without parsing', async () => {
    server.use(
      http.get(STATUS_URL, ({ request }) =>
        request.headers.get('If-None-Match') === '"v1"'
          ? new HttpResponse(null, { status: 304 })
          : HttpResponse.json(DOCUMENTED.sessionStatusCurrent),
      ),
    );
    expect(await getSessionStatus('a', { etag: '"v1"' })).toEqual({ notModified: true });
  });

  it.each([
    [
      401,
      { success: false, error: 'unauthorized', message: 'Unknown API key.' },
      'unauthorized',
      'Unknown API key.',
    ],
    [
      404,
      { success: false, error: 'not_found', message: 'No such session.' },
      'not_found',
      'No such session.',
    ],
    [400, { detail: 'lat must be a number' }, 'invalid_request', 'lat must be a number'],
    [413, { error: 'too_many_locations' }, 'invalid_request', 'too_many_locations'],
    [
      403,
      { success: false, error: 'listing_limit_reached', message: 'Listing limit reached' },
      'quota',
      'Listing limit reached',
    ],
    [500, { message: 'boom' }, 'server', 'boom'],
    [
      504,
      { success: false, error: 'upstream_timeout', message: 'Timed out.' },
      'network',
      'Timed out.',
    ],
  ])('maps HTTP %i to a typed error', async (status, body, kind, message) => {
    server.use(http.get(STATUS_URL, () => HttpResponse.json(body, { status })));
    const error = await failure(getSessionStatus('a'));
    expect(error).toMatchObject({ status, kind, message });
  });

  it('reads a 429 with Retry-After as a quota error with a retry delay', async () => {
    server.use(
      http.get(STATUS_URL, () =>
        HttpResponse.json(
          { success: false, error: 'quota_exceeded', message: 'Monthly API calls used up.' },
          { status: 429, headers: { 'Retry-After': '120' } },
        ),
      ),
    );
    const error = await failure(getSessionStatus('a'));
    expect(error).toMatchObject({ kind: 'quota', code: 'quota_exceeded', retryAfter: 120 });
  });

  it('handles a non-JSON error body with the status text', async () => {
    server.use(
      http.get(
        STATUS_URL,
        () =>
          new HttpResponse('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
      ),
    );
    const error = await failure(getSessionStatus('a'));
    expect(error).toMatchObject({
      kind: 'network',
      status: 502,
      message: 'Bad Gateway',
      body: '<html>Bad Gateway</html>',
    });
  });

  it('turns a network failure into a network error', async () => {
    server.use(http.get(STATUS_URL, () => HttpResponse.error()));
    expect(await failure(getSessionStatus('a'))).toMatchObject({ kind: 'network', status: 0 });
  });

  it('turns a non-JSON 200 into invalid_payload', async () => {
    server.use(http.get(STATUS_URL, () => new HttpResponse('OK', { status: 200 })));
    expect(await failure(getSessionStatus('a'))).toMatchObject({
      kind: 'invalid_payload',
      body: 'OK',
    });
  });

  it('names the first bad field of an invalid payload', async () => {
    const bad = {
      ...DOCUMENTED.sessionStatusCurrent,
      progress: { ...DOCUMENTED.sessionStatusCurrent.progress, total: 'fifty' },
    };
    server.use(http.get(STATUS_URL, () => HttpResponse.json(bad)));
    const error = await failure(
      apiRequest('/v2/session/status', sessionStatusResponse, { query: { session_id: 'a' } }),
    );
    expect(error.kind).toBe('invalid_payload');
    expect(error.fieldPath).toBe('progress.total');
    expect(error.message).toContain('progress.total');
    expect(error.body).toEqual(bad);
  });

  it('passes the AbortSignal through', async () => {
    server.use(http.get(STATUS_URL, async () => new Promise(() => {})));
    const controller = new AbortController();
    const pending = getSessionStatus('a', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENTED } from '../../src/contract/fixtures/documented-examples';
import {
  batchQuietnessResponse,
  deleteBatchResponse,
  accountUsageResponse,
  deleteListingResponse,
  errorBody,
  listingStatsResponse,
  quietnessResponse,
} from '../../src/contract/schemas';
import { landPoints, startTestEmulator, type TestEmulator } from './test-app';

let t: TestEmulator;
beforeEach(async () => {
  t = await startTestEmulator();
});
afterEach(() => t.app.close());

const PARIS = { lat: 48.8566, lng: 2.3522 };
const SEA = { lat: 35, lng: -40 };
const quietness = (key: string | null, q: Record<string, string | number>) =>
  t.call(key, {
    method: 'GET',
    url: '/v2/listing/quietness',
    query: Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])),
  });
const stats = async (key = 'demo-insight') =>
  listingStatsResponse.parse((await t.call(key, { url: '/v2/listings/stats' })).json());

function keysDeep(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    `${prefix}${k}`,
    ...keysDeep(v, `${prefix}${k}.`),
  ]);
}

describe('GET /v2/listing/quietness', () => {
  it('returns the documented shape with every documented field, and creates a listing', async () => {
    const before = await stats();
    const res = await quietness('demo-insight', { lat: 35.0925734, lng: -106.5883558 });
    expect(res.statusCode).toBe(200);
    const body = quietnessResponse.parse(res.json());
    for (const key of keysDeep(DOCUMENTED.quietnessSingle))
      expect(keysDeep(body), key).toContain(key);
    expect(body.request).toEqual({ lat: 35.0925734, lng: -106.5883558 });
    expect([body.response.lat, body.response.lng]).toEqual([35.092573, -106.588356]);
    expect(body.response.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect((await stats()).total_listings).toBe(before.total_listings + 1);
  });

  it('returns the stored listing while fresh and recomputes it once older than the plan’s refresh rate', async () => {
    const first = quietnessResponse.parse((await quietness('demo-trial', PARIS)).json()).response;
    t.clock.now += 12 * 3600_000; // trial refreshes daily
    const fresh = quietnessResponse.parse((await quietness('demo-trial', PARIS)).json()).response;
    expect(fresh.listing_id).toBe(first.listing_id);
    expect(fresh.updated_at).toBe(first.updated_at);
    t.clock.now += 13 * 3600_000;
    const refreshed = quietnessResponse.parse(
      (await quietness('demo-trial', PARIS)).json(),
    ).response;
    expect(refreshed.listing_id).toBe(first.listing_id);
    expect(refreshed.updated_at).not.toBe(first.updated_at);
    expect(refreshed.created_at).toBe(first.created_at);

    // Insight refreshes every 30 days.
    const insight = quietnessResponse.parse(
      (await quietness('demo-insight', PARIS)).json(),
    ).response;
    t.clock.now += 29 * 86400_000;
    expect(
      quietnessResponse.parse((await quietness('demo-insight', PARIS)).json()).response.updated_at,
    ).toBe(insight.updated_at);
    t.clock.now += 2 * 86400_000;
    expect(
      quietnessResponse.parse((await quietness('demo-insight', PARIS)).json()).response.updated_at,
    ).not.toBe(insight.updated_at);
  });

  it('matches listings at 6 decimals', async () => {
    const a = quietnessResponse.parse(
      (await quietness('demo-insight', { lat: 48.85660001, lng: 2.35220004 })).json(),
    );
    const b = quietnessResponse.parse(
      (await quietness('demo-insight', { lat: 48.8566, lng: 2.3522 })).json(),
    );
    expect(a.response.listing_id).toBe(b.response.listing_id);
  });

  it('answers 422 unscorable at sea and stores nothing', async () => {
    const before = t.count('listings');
    const res = await quietness('demo-insight', SEA);
    expect(res.statusCode).toBe(422);
    expect(errorBody.parse(res.json())).toEqual({
      success: false,
      error: 'unscorable',
      message: 'Failed to calculate quietness score',
    });
    expect(t.count('listings')).toBe(before);
  });

  it.each([
    [{ lat: 91, lng: 0 }, 'lat'],
    [{ lat: 0, lng: -181 }, 'lng'],
    [{ lat: 'abc', lng: 0 }, 'lat'],
    [{ lat: '', lng: 0 }, 'lat'],
    [{ lat: 'NaN', lng: 0 }, 'lat'],
    [{ lat: 'Infinity', lng: 0 }, 'lat'],
    [{ lat: '0x10', lng: 0 }, 'lat'],
    [{ lng: 0 }, 'lat'],
    [{ lat: 10 }, 'lng'],
  ])('answers 400 naming the field for %j, storing nothing', async (query, field) => {
    const before = t.count('listings');
    const res = await quietness('demo-insight', query);
    expect(res.statusCode).toBe(400);
    const body = errorBody.parse(res.json());
    expect(body.error).toBe('invalid_request');
    expect(body.message).toContain(`${field}:`);
    expect(t.count('listings')).toBe(before);
  });

  it('answers 403 listing_limit_reached once a trial account holds 100 listings', async () => {
    const batch = await t.call('demo-trial', {
      method: 'POST',
      url: '/v2/listing/quietness',
      payload: { listings: landPoints(100) },
    });
    expect(batchQuietnessResponse.parse(batch.json()).summary.successful).toBe(100);
    const res = await quietness('demo-trial', PARIS);
    expect(res.statusCode).toBe(403);
    expect(errorBody.parse(res.json())).toMatchObject({
      error: 'listing_limit_reached',
      message: 'Listing limit reached',
    });
    // An existing listing is still readable at the cap.
    expect(
      (await quietness('demo-trial', landPoints(1)[0] as { lat: number; lng: number })).statusCode,
    ).toBe(200);
  });
});

describe('POST /v2/listing/quietness', () => {
  it('returns the documented shape, with error_<n> and limit_reached_<n> items', async () => {
    await t.call('demo-trial', {
      method: 'POST',
      url: '/v2/listing/quietness',
      payload: { listings: landPoints(99) },
    });
    const res = await t.call('demo-trial', {
      method: 'POST',
      url: '/v2/listing/quietness',
      payload: { listings: [PARIS, SEA, { lat: 50.1, lng: 8.6 }] },
    });
    expect(res.statusCode).toBe(200);
    const body = batchQuietnessResponse.parse(res.json());
    for (const key of [
      'status',
      'summary',
      'summary.total',
      'summary.successful',
      'summary.failed',
      'results',
    ])
      expect(keysDeep(body)).toContain(key);
    expect(body.summary).toEqual({ total: 3, successful: 1, failed: 2 });
    expect(
      body.results.map((r) => [r.id.replace(/^[0-9a-f-]{36}$/, 'uuid'), r.status, r.message]),
    ).toEqual([
      ['uuid', 'OK', undefined],
      ['error_2', 'ERROR', 'Failed to calculate quietness score'],
      ['limit_reached_3', 'ERROR', 'Listing limit reached'],
    ]);
  });

  it('scores 500 listings in one metered call, each as the single GET returns it', async () => {
    const usage = async () =>
      accountUsageResponse.parse(
        (await t.call('demo-insight', { url: '/v2/account/usage' })).json(),
      ).response['API Key Current Usage'];
    const before = await usage();
    const points = landPoints(500);
    const res = await t.call('demo-insight', {
      method: 'POST',
      url: '/v2/listing/quietness',
      payload: { listings: points },
    });
    expect(res.statusCode).toBe(200);
    const body = batchQuietnessResponse.parse(res.json());
    expect(body.summary).toEqual({ total: 500, successful: 500, failed: 0 });
    // One call for 500 listings (the usage read itself is metered after it answers).
    expect(await usage()).toBe(before + 2);
    // The same listing, field for field, as the single GET answers (which is metered once).
    for (const at of [0, 250, 499]) {
      const item = body.results[at]!;
      expect(item.status).toBe('OK');
      const single = quietnessResponse.parse((await quietness('demo-insight', points[at]!)).json());
      expect('response' in item && item.response).toEqual(single.response);
    }
    expect(await usage()).toBe(before + 2 + 3 + 1);
  });

  it('answers 501 listings with 413 too_many_locations, in the contract’s body, unmetered', async () => {
    const res = await t.call('demo-insight', {
      method: 'POST',
      url: '/v2/listing/quietness',
      payload: { listings: landPoints(501) },
    });
    expect(res.statusCode).toBe(413);
    const body = errorBody.parse(res.json());
    expect(JSON.stringify(body)).toContain('too_many_locations');
  });

  it('answers a mix of land, sea and over-the-limit items in order, storing only the land', async () => {
    await t.call('demo-trial', {
      method: 'POST',
      url: '/v2/listing/quietness',
      payload: { listings: landPoints(98) },
    });
    const before = t.count('listings');
    const extra = landPoints(3, 200);
    const res = await t.call('demo-trial', {
      method: 'POST',
      url: '/v2/listing/quietness',
      payload: { listings: [extra[0], SEA, extra[1], SEA, extra[2]] },
    });
    const body = batchQuietnessResponse.parse(res.json());
    expect(body.results.map((r) => (r.status === 'OK' ? 'OK' : r.id))).toEqual([
      'OK',
      'error_2',
      'OK',
      'error_4',
      'limit_reached_5',
    ]);
    expect(body.summary).toEqual({ total: 5, successful: 2, failed: 3 });
    expect(t.count('listings')).toBe(before + 2);
  });

  it.each([
    ['non-JSON', 'not json', 400],
    ['a wrong type', JSON.stringify({ listings: 'Paris' }), 400],
    ['an extra field', JSON.stringify({ listings: [PARIS], mode: 'fast' }), 400],
    ['an empty list', JSON.stringify({ listings: [] }), 400],
    ['501 items', JSON.stringify({ listings: landPoints(501) }), 413],
    ['a string coordinate', JSON.stringify({ listings: [{ lat: '48.8', lng: 2.3 }] }), 400],
  ])('rejects %s and stores nothing', async (_label, payload, status) => {
    const before = t.count('listings');
    const res = await t.call('demo-insight', {
      method: 'POST',
      url: '/v2/listing/quietness',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(status);
    expect(errorBody.safeParse(res.json()).success).toBe(true);
    expect(t.count('listings')).toBe(before);
  });
});

async function createListings(key: string, n: number, offset = 0): Promise<string[]> {
  const res = await t.call(key, {
    method: 'POST',
    url: '/v2/listing/quietness',
    payload: { listings: landPoints(n, offset) },
  });
  return batchQuietnessResponse.parse(res.json()).results.map((r) => r.id);
}

describe('DELETE /v2/listings/{listing_id}', () => {
  it('deletes with the documented shape and counts toward the deletion limit', async () => {
    const [id] = await createListings('demo-insight', 2);
    const res = await t.call('demo-insight', { method: 'DELETE', url: `/v2/listings/${id}` });
    expect(res.statusCode).toBe(200);
    const body = deleteListingResponse.parse(res.json());
    expect(Object.keys(body).sort()).toEqual(Object.keys(DOCUMENTED.deleteListing).sort());
    expect(body).toMatchObject({
      success: true,
      message: 'Listing deleted successfully',
      deletions_used: 1,
      deletions_max: 2000,
    });
    expect(
      (await t.call('demo-insight', { method: 'DELETE', url: `/v2/listings/${id}` })).statusCode,
    ).toBe(404);
  });

  it('answers 404 for another account’s listing and leaves it alone', async () => {
    const [id] = await createListings('demo-intelligence', 1);
    const res = await t.call('demo-insight', { method: 'DELETE', url: `/v2/listings/${id}` });
    expect(res.statusCode).toBe(404);
    expect(errorBody.parse(res.json()).error).toBe('not_found');
    expect((await stats('demo-intelligence')).total_listings).toBe(1);
  });

  it('answers 409 at the trial’s 20 deletions and deletes nothing more', async () => {
    const ids = await createListings('demo-trial', 22);
    for (const id of ids.slice(0, 20))
      expect(
        (await t.call('demo-trial', { method: 'DELETE', url: `/v2/listings/${id}` })).statusCode,
      ).toBe(200);
    const res = await t.call('demo-trial', { method: 'DELETE', url: `/v2/listings/${ids[20]}` });
    expect(res.statusCode).toBe(409);
    expect(errorBody.parse(res.json())).toMatchObject({
      error: 'deletion_limit_reached',
      message: expect.stringContaining('Enterprise'),
    });
    const s = await stats('demo-trial');
    expect(s).toMatchObject({
      total_listings: 2,
      deletions_count: 20,
      deletions_remaining: 0,
      is_at_churn_limit: true,
    });
  });
});

describe('DELETE /v2/listings/by-coordinates', () => {
  it('deletes the listing matched at 6 decimals, and answers 404 when none', async () => {
    await quietness('demo-insight', PARIS);
    const res = await t.call('demo-insight', {
      method: 'DELETE',
      url: '/v2/listings/by-coordinates',
      query: { lat: '48.85660004', lng: '2.3522' },
    });
    expect(res.statusCode).toBe(200);
    expect(deleteListingResponse.parse(res.json()).deletions_used).toBe(1);
    const again = await t.call('demo-insight', {
      method: 'DELETE',
      url: '/v2/listings/by-coordinates',
      query: { lat: '48.8566', lng: '2.3522' },
    });
    expect(again.statusCode).toBe(404);
    const bad = await t.call('demo-insight', {
      method: 'DELETE',
      url: '/v2/listings/by-coordinates',
      query: { lat: '91', lng: '0' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('POST /v2/listings/delete-batch', () => {
  it('deletes the existing IDs, skips unknown ones, with the documented shape', async () => {
    const ids = await createListings('demo-insight', 3);
    const res = await t.call('demo-insight', {
      method: 'POST',
      url: '/v2/listings/delete-batch',
      payload: { listing_ids: [...ids, '00000000-0000-0000-0000-000000000000'] },
    });
    expect(res.statusCode).toBe(200);
    const body = deleteBatchResponse.parse(res.json());
    expect(Object.keys(body).sort()).toEqual(Object.keys(DOCUMENTED.deleteBatch).sort());
    expect(body).toMatchObject({
      deleted_count: 3,
      message: 'Successfully deleted 3 listing(s)',
      deletions_used: 3,
    });
  });

  it('rejects 101 IDs with 400 and deletes nothing', async () => {
    const ids = await createListings('demo-insight', 2);
    const res = await t.call('demo-insight', {
      method: 'POST',
      url: '/v2/listings/delete-batch',
      payload: { listing_ids: [...ids, ...Array.from({ length: 99 }, (_, i) => `x${i}`)] },
    });
    expect(res.statusCode).toBe(400);
    expect(errorBody.parse(res.json()).message).toMatch(/at most 100/);
    expect((await stats()).total_listings).toBe(2);
  });

  it('rejects a batch that would pass the deletion cap as a whole', async () => {
    const ids = await createListings('demo-trial', 25);
    await t.call('demo-trial', {
      method: 'POST',
      url: '/v2/listings/delete-batch',
      payload: { listing_ids: ids.slice(0, 15) },
    });
    const res = await t.call('demo-trial', {
      method: 'POST',
      url: '/v2/listings/delete-batch',
      payload: { listing_ids: ids.slice(15) },
    });
    expect(res.statusCode).toBe(409);
    expect(await stats('demo-trial')).toMatchObject({
      total_listings: 10,
      deletions_count: 15,
      deletions_remaining: 5,
    });
  });

  it.each([
    ['no body', undefined],
    ['a string', JSON.stringify('abc')],
    ['ids of the wrong type', JSON.stringify({ listing_ids: [1, 2] })],
    ['an empty list', JSON.stringify({ listing_ids: [] })],
  ])('rejects %s with 400', async (_label, payload) => {
    const res = await t.call('demo-insight', {
      method: 'POST',
      url: '/v2/listings/delete-batch',
      headers: { 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { payload }),
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /v2/listings/stats', () => {
  it('returns the documented fields and counts today and this month', async () => {
    await createListings('demo-insight', 4);
    t.clock.now += 86400_000; // tomorrow, same month (28 → 29 Nov)
    await createListings('demo-insight', 2, 100);
    const body = await stats();
    expect(Object.keys(body).sort()).toEqual(Object.keys(DOCUMENTED.listingStats).sort());
    expect(body).toMatchObject({
      total_listings: 6,
      max_listings: 10000,
      listings_today: 2,
      listings_this_month: 6,
      is_at_limit: false,
      remaining: 9994,
      deletions_count: 0,
      deletions_max: 2000,
      deletions_remaining: 2000,
      is_at_churn_limit: false,
    });
  });

  it.each([
    ['demo-trial', 100, 20],
    ['demo-insight', 10000, 2000],
    ['demo-intelligence', 100000, 20000],
    ['demo-enterprise', -1, -1],
  ])('%s has the documented plan limits', async (key, maxListings, maxDeletions) => {
    const body = await stats(key);
    expect(body).toMatchObject({ max_listings: maxListings, deletions_max: maxDeletions });
    if (maxListings === -1) expect(body).toMatchObject({ remaining: -1, deletions_remaining: -1 });
  });
});

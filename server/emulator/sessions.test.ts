import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENTED } from '../../src/contract/fixtures/documented-examples';
import {
  createSessionWire,
  errorBody,
  listingStatsResponse,
  sessionStatusWire,
} from '../../src/contract/schemas';
import { landPoints, startTestEmulator, type TestEmulator } from './test-app';

let t: TestEmulator;
beforeEach(async () => {
  t = await startTestEmulator();
});
afterEach(() => t.app.close());

const SEA = { lat: 35, lng: -40 };
const create = (key: string, locations: unknown) =>
  t.call(key, {
    method: 'POST',
    url: '/v2/session/new',
    payload: { locations } as Record<string, unknown>,
  });
const status = (key: string, id: string, headers: Record<string, string> = {}) =>
  t.call(key, { url: '/v2/session/status', query: { session_id: id }, headers });

describe('POST /v2/session/new', () => {
  it('returns the documented fields and queues the session', async () => {
    const res = await create('demo-insight', [...landPoints(3), SEA]);
    expect(res.statusCode).toBe(200);
    const body = createSessionWire.parse(res.json());
    expect(Object.keys(body).sort()).toEqual(Object.keys(DOCUMENTED.createSessionCurrent).sort());
    expect(body.session_id).toMatch(/^sess_[a-z0-9]{24}$/);
    expect(body.total_locations).toBe(4);
    const s = sessionStatusWire.parse((await status('demo-insight', body.session_id)).json());
    expect(s).toMatchObject({
      status: 'QUEUED',
      progress: { total: 4, processed: 0 },
      results: [],
      started_at: null,
      completed_at: null,
    });
  });

  it.each([
    ['no locations', { locations: [] }, 400, /at least one/],
    ['501 locations', { locations: landPoints(501) }, 413, /at most 500/],
    [
      'lat 91 at index 2',
      { locations: [...landPoints(2), { lat: 91, lng: 0 }] },
      400,
      /locations\[2\]\.lat: must be <=90, got 91/,
    ],
    ['lng -181', { locations: [{ lat: 0, lng: -181 }] }, 400, /locations\[0\]\.lng/],
    [
      'a string lat',
      { locations: [{ lat: '45', lng: 2 }] },
      400,
      /locations\[0\]\.lat: expected a number, got "45"/,
    ],
    ['"NaN"', { locations: [{ lat: 'NaN', lng: 2 }] }, 400, /locations\[0\]\.lat/],
    ['a missing lng', { locations: [{ lat: 45 }] }, 400, /locations\[0\]\.lng: required/],
    [
      'an extra field in a location',
      { locations: [{ lat: 45, lng: 2, name: 'x' }] },
      400,
      /unknown field "name"/,
    ],
    [
      'an extra top-level field',
      { locations: landPoints(1), webhook: 'x' },
      400,
      /unknown field "webhook"/,
    ],
    ['the older geolocations name', { geolocations: landPoints(1) }, 400, /"locations"/],
    [
      'locations not an array',
      { locations: { lat: 1, lng: 2 } },
      400,
      /locations: expected an array/,
    ],
    ['null locations', { locations: null }, 400, /locations/],
    ['a null location', { locations: [null] }, 400, /locations\[0\]/],
  ])('rejects %s and stores nothing', async (_label, body, code, message) => {
    const before = t.count('sessions');
    const res = await t.call('demo-insight', {
      method: 'POST',
      url: '/v2/session/new',
      payload: body as Record<string, unknown>,
    });
    expect(res.statusCode).toBe(code);
    const err = errorBody.parse(res.json());
    expect(err.message).toMatch(message);
    expect(err.error).toBe(code === 413 ? 'too_many_locations' : 'invalid_request');
    expect(t.count('sessions')).toBe(before);
  });

  it.each([
    ['non-JSON', 'application/json', '{"locations": [', 400],
    ['Infinity in JSON', 'application/json', '{"locations": [{"lat": Infinity, "lng": 0}]}', 400],
    ['a huge exponent', 'application/json', '{"locations": [{"lat": 1e400, "lng": 0}]}', 400],
    ['form data', 'application/x-www-form-urlencoded', 'locations=1', 415],
    [
      'a 10 MB body',
      'application/json',
      `{"locations": [${'{"lat": 45.123456, "lng": 2.123456},'.repeat(300_000)}{"lat":1,"lng":1}]}`,
      413,
    ],
  ])('rejects %s with a contract error', async (_label, contentType, payload, code) => {
    const before = t.count('sessions');
    const res = await t.call('demo-insight', {
      method: 'POST',
      url: '/v2/session/new',
      headers: { 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(code);
    expect(errorBody.safeParse(res.json()).success).toBe(true);
    expect(t.count('sessions')).toBe(before);
  });
});

describe('GET /v2/session/status', () => {
  it('shows results as they are computed, then COMPLETED with exact counters', async () => {
    const { session_id } = createSessionWire.parse(
      (await create('demo-insight', [...landPoints(3), SEA])).json(),
    );
    t.emulator.worker.tick();
    const partial = sessionStatusWire.parse((await status('demo-insight', session_id)).json());
    // The seeded demo session and ours share the worker; ours advanced.
    expect(partial.status).toMatch(/PROCESSING|COMPLETED/);
    expect(partial.started_at).not.toBeNull();
    t.drain();
    const done = sessionStatusWire.parse((await status('demo-insight', session_id)).json());
    expect(done.status).toBe('COMPLETED');
    expect(done.progress).toEqual({ total: 4, processed: 4, successful: 3, failed: 1 });
    expect(done.results).toHaveLength(4);
    expect(done.results[3]).toMatchObject({
      status: 'failed',
      error: 'Failed to calculate quietness score',
      lat: 35,
      lng: -40,
    });
    expect(done.completed_at).not.toBeNull();
    for (const key of Object.keys(DOCUMENTED.sessionStatusCurrent))
      expect(done).toHaveProperty(key);
    for (const key of Object.keys(DOCUMENTED.sessionStatusCurrent.results[0]))
      expect(done.results[0]).toHaveProperty(key);
  });

  it('appends one result per location and pace step while PROCESSING', async () => {
    const { session_id } = createSessionWire.parse(
      (await create('demo-enterprise', landPoints(5))).json(),
    );
    const slow = t.emulator; // the test emulator runs at pace 0: one tick handles a whole batch
    slow.worker.tick();
    const s = sessionStatusWire.parse((await status('demo-enterprise', session_id)).json());
    expect(s.results).toHaveLength(s.progress.processed);
    expect(s.progress.successful + s.progress.failed).toBe(s.progress.processed);
  });

  it('answers ETag and 304 Not Modified until something changes', async () => {
    const { session_id } = createSessionWire.parse(
      (await create('demo-insight', landPoints(2))).json(),
    );
    const first = await status('demo-insight', session_id);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    const same = await status('demo-insight', session_id, { 'if-none-match': etag });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    // A length on a 304 makes keep-alive clients wait for a body that never comes.
    expect(same.headers['content-length']).toBeUndefined();
    t.drain();
    const changed = await status('demo-insight', session_id, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('serves an unchanged session from its cached serialization', async () => {
    const { session_id } = createSessionWire.parse(
      (await create('demo-insight', landPoints(3))).json(),
    );
    t.drain();
    const a = await status('demo-insight', session_id);
    const b = await status('demo-insight', session_id);
    expect(b.body).toBe(a.body);
    expect(b.headers.etag).toBe(a.headers.etag);
  });

  it('compresses the status once per version for clients that accept it', async () => {
    const { session_id } = createSessionWire.parse(
      (await create('demo-insight', landPoints(30))).json(),
    );
    t.drain();
    const plain = await status('demo-insight', session_id);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    const br = await status('demo-insight', session_id, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gzip = await status('demo-insight', session_id, { 'accept-encoding': 'br;q=0, gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    const again = await status('demo-insight', session_id, { 'accept-encoding': 'br' });
    expect(again.rawPayload.equals(br.rawPayload)).toBe(true);
    expect(again.headers.etag).toBe(plain.headers.etag);
  });

  it('answers 404 for another account’s session, exactly as for an unknown one', async () => {
    const { session_id } = createSessionWire.parse(
      (await create('demo-insight', landPoints(1))).json(),
    );
    const other = await status('demo-trial', session_id);
    const unknown = await status('demo-trial', 'sess_doesnotexist000000000000');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(unknown.json());
    expect(errorBody.parse(other.json()).error).toBe('not_found');
  });

  it('answers 400 without a session_id', async () => {
    const res = await t.call('demo-insight', { url: '/v2/session/status' });
    expect(res.statusCode).toBe(400);
    expect(errorBody.parse(res.json()).message).toMatch(/session_id/);
  });
});

describe('sessions and the listing cap', () => {
  it('two sessions of one trial account racing for the last slots never pass the cap', async () => {
    await t.call('demo-trial', {
      method: 'POST',
      url: '/v2/listing/quietness',
      payload: { listings: landPoints(95) },
    });
    const a = createSessionWire.parse((await create('demo-trial', landPoints(10, 200))).json());
    const b = createSessionWire.parse((await create('demo-trial', landPoints(10, 300))).json());
    t.drain();
    const sa = sessionStatusWire.parse((await status('demo-trial', a.session_id)).json());
    const sb = sessionStatusWire.parse((await status('demo-trial', b.session_id)).json());
    expect(sa.progress.successful + sb.progress.successful).toBe(5);
    const limited = [...sa.results, ...sb.results].filter((r) => r.status === 'failed');
    expect(limited).toHaveLength(15);
    expect(new Set(limited.map((r) => (r.status === 'failed' ? r.error : '')))).toEqual(
      new Set(['Listing limit reached']),
    );
    const stats = listingStatsResponse.parse(
      (await t.call('demo-trial', { url: '/v2/listings/stats' })).json(),
    );
    expect(stats).toMatchObject({ total_listings: 100, is_at_limit: true, remaining: 0 });
  });

  it('reuses the account’s listing for a location it already has', async () => {
    const [p] = landPoints(1, 400);
    const s1 = createSessionWire.parse((await create('demo-insight', [p])).json());
    const s2 = createSessionWire.parse((await create('demo-insight', [p])).json());
    t.drain();
    const r1 = sessionStatusWire.parse((await status('demo-insight', s1.session_id)).json())
      .results[0];
    const r2 = sessionStatusWire.parse((await status('demo-insight', s2.session_id)).json())
      .results[0];
    expect(
      r1?.status === 'success' && r2?.status === 'success' && r1.listing_id === r2.listing_id,
    ).toBe(true);
  });

  it('advances several accounts’ sessions in the same round', async () => {
    const paced = t.emulator;
    const x = createSessionWire.parse((await create('demo-intelligence', landPoints(300))).json());
    const y = createSessionWire.parse(
      (await create('demo-enterprise', landPoints(300, 500))).json(),
    );
    paced.worker.tick();
    const px = sessionStatusWire.parse((await status('demo-intelligence', x.session_id)).json())
      .progress.processed;
    const py = sessionStatusWire.parse((await status('demo-enterprise', y.session_id)).json())
      .progress.processed;
    expect(px).toBeGreaterThan(0);
    expect(py).toBeGreaterThan(0);
    expect(Math.abs(px - py)).toBeLessThanOrEqual(100);
  });
});

describe('the demo seed', () => {
  it('creates a demo session of about 60 places for demo-insight, some at sea', async () => {
    const id = t.emulator.demoSessionId as string;
    expect(id).toMatch(/^sess_/);
    t.drain();
    const s = sessionStatusWire.parse((await status('demo-insight', id)).json());
    expect(s.progress.total).toBeGreaterThanOrEqual(55);
    expect(s.status).toBe('COMPLETED');
    expect(s.progress.failed).toBeGreaterThanOrEqual(4);
    expect(s.results.filter((r) => r.status === 'success').length).toBeGreaterThan(45);
  });
});

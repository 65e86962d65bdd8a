import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENTED } from '../../src/contract/fixtures/documented-examples';
import { z } from 'zod';
import {
  accountUsageResponse,
  batchQuietnessRequest,
  createSessionRequest,
  deleteBatchRequest,
  errorBody,
  quietnessQuery,
  sessionStatusQuery,
} from '../../src/contract/schemas';
import { startTestEmulator, type TestEmulator } from './test-app';

let t: TestEmulator;
beforeEach(async () => {
  t = await startTestEmulator();
});
afterEach(() => t.app.close());

const usage = async (key: string) =>
  accountUsageResponse.parse((await t.call(key, { url: '/v2/account/usage' })).json());

describe('authentication', () => {
  it.each([
    ['no key', null, /Missing API key/],
    ['an empty key', '', /Missing API key/],
    ['an unknown key', 'nope-123', /Unknown API key/],
  ])('answers 401 for %s, without echoing the key', async (_label, key, message) => {
    const res = await t.call(key, { url: '/v2/listings/stats' });
    expect(res.statusCode).toBe(401);
    const body = errorBody.parse(res.json());
    expect(body).toMatchObject({ error: 'unauthorized', message: expect.stringMatching(message) });
    if (key) expect(res.body).not.toContain(key);
  });

  it('accepts the raw key and a Bearer key', async () => {
    expect((await t.call('demo-insight', { url: '/v2/listings/stats' })).statusCode).toBe(200);
    expect((await t.call('Bearer demo-insight', { url: '/v2/listings/stats' })).statusCode).toBe(
      200,
    );
  });

  it('checks the key before anything else, even a broken body', async () => {
    const res = await t.call('wrong', {
      method: 'POST',
      url: '/v2/session/new',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /v2/account/usage', () => {
  it('returns the documented keys and echoes the caller’s key', async () => {
    const body = await usage('demo-insight');
    expect(Object.keys(body.response).sort()).toEqual(
      Object.keys(DOCUMENTED.accountUsage.response).sort(),
    );
    expect(body.request.api_key).toBe('demo-insight');
    expect(body.response['Subscription Plan']).toBe('insight');
    expect(body.response['API Key Max Plan Usage']).toBe(50000);
  });

  it('counts every HTTP call, errors included, one per call', async () => {
    const first = await usage('demo-intelligence');
    await t.call('demo-intelligence', { url: '/v2/listings/stats' });
    await t.call('demo-intelligence', {
      url: '/v2/listing/quietness',
      query: { lat: '999', lng: '0' },
    });
    await t.call('demo-intelligence', {
      method: 'POST',
      url: '/v2/listing/quietness',
      payload: {
        listings: [
          { lat: 45, lng: 2 },
          { lat: 46, lng: 2 },
        ],
      },
    });
    const after = await usage('demo-intelligence');
    expect(after.response['API Key Current Usage']).toBe(
      first.response['API Key Current Usage'] + 4,
    );
  });

  it('answers 429 with Retry-After once a trial key used its 100 calls, and resets next month', async () => {
    for (let i = 0; i < 100; i++)
      expect((await t.call('demo-trial', { url: '/v2/listings/stats' })).statusCode).toBe(200);
    const res = await t.call('demo-trial', { url: '/v2/listings/stats' });
    expect(res.statusCode).toBe(429);
    expect(errorBody.parse(res.json()).error).toBe('quota_exceeded');
    const retryAfter = Number(res.headers['retry-after']);
    // From 28 Nov 12:00 UTC to 1 Dec 00:00 UTC.
    expect(retryAfter).toBe(2.5 * 86400);
    // Other accounts are not affected.
    expect((await t.call('demo-insight', { url: '/v2/listings/stats' })).statusCode).toBe(200);
    t.clock.now += retryAfter * 1000;
    const reset = await usage('demo-trial');
    expect(reset.response['API Key Current Usage']).toBe(1);
  });

  it('counts calls that arrive together exactly: the quota is never passed', async () => {
    // 130 trial calls and 20 of another account in one turn of the event loop, metered together.
    const calls = [
      ...Array.from({ length: 130 }, () => t.call('demo-trial', { url: '/v2/listings/stats' })),
      ...Array.from({ length: 20 }, () => t.call('demo-insight', { url: '/v2/listings/stats' })),
    ];
    const codes = (await Promise.all(calls)).map((r) => r.statusCode);
    expect(codes.slice(0, 130).filter((c) => c === 200)).toHaveLength(100);
    expect(codes.slice(0, 130).filter((c) => c === 429)).toHaveLength(30);
    expect(codes.slice(130).every((c) => c === 200)).toBe(true);
    const trial = t.emulator.db
      .prepare("SELECT api_calls FROM accounts WHERE plan = 'trial'")
      .get() as { api_calls: number };
    expect(trial.api_calls).toBe(100);
    expect((await usage('demo-insight')).response['API Key Current Usage']).toBe(21);
  });

  it('never limits the enterprise plan', async () => {
    for (let i = 0; i < 150; i++) await t.call('demo-enterprise', { url: '/v2/listings/stats' });
    const body = await usage('demo-enterprise');
    expect(body.response['API Key Max Plan Usage']).toBe(-1);
    expect(body.response['API Key Current Usage']).toBe(151);
  });
});

describe('GET /v2/openapi.json', () => {
  it('describes every emulated endpoint, generated from the shared schemas', async () => {
    const res = await t.call(null, {
      url: '/v2/openapi.json',
      headers: { host: 'attacker.example' },
    });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    // Never the caller's Host header.
    expect(doc.servers).toEqual([{ url: '/' }]);
    const ops = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(ops.sort()).toEqual(
      [
        'GET /v2/listing/quietness',
        'POST /v2/listing/quietness',
        'POST /v2/session/new',
        'GET /v2/session/status',
        'DELETE /v2/listings/{listing_id}',
        'DELETE /v2/listings/by-coordinates',
        'POST /v2/listings/delete-batch',
        'GET /v2/listings/stats',
        'GET /v2/account/usage',
      ].sort(),
    );
    const created = doc.paths['/v2/session/new'] as {
      post: {
        requestBody: {
          content: { 'application/json': { schema: { properties: Record<string, unknown> } } };
        };
      };
    };
    expect(
      Object.keys(created.post.requestBody.content['application/json'].schema.properties),
    ).toEqual(['locations']);
  });
});

describe('OpenAPI request schemas', () => {
  const contract = (schema: z.ZodType) =>
    z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as Record<string, unknown>;
  const strip = ({ $schema: _ignored, ...rest }: Record<string, unknown>) => rest;

  it('are the contract schemas the routes validate with', async () => {
    const doc = (await t.call(null, { url: '/v2/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
            parameters?: { name: string; in: string; schema: Record<string, unknown> }[];
          }
        >
      >;
    };
    const bodyOf = (path: string) =>
      doc.paths[path]?.post?.requestBody?.content['application/json'].schema;
    expect(bodyOf('/v2/session/new')).toEqual(strip(contract(createSessionRequest)));
    expect(bodyOf('/v2/listing/quietness')).toEqual(strip(contract(batchQuietnessRequest)));
    expect(bodyOf('/v2/listings/delete-batch')).toEqual(strip(contract(deleteBatchRequest)));
    const queryOf = (path: string, method: string) =>
      Object.fromEntries(
        (doc.paths[path]?.[method]?.parameters ?? []).map((p) => [p.name, p.schema]),
      );
    const properties = (schema: z.ZodType) =>
      (contract(schema) as { properties: Record<string, unknown> }).properties;
    expect(queryOf('/v2/listing/quietness', 'get')).toEqual(properties(quietnessQuery));
    expect(queryOf('/v2/session/status', 'get')).toEqual(properties(sessionStatusQuery));
  });

  it('refuse in the route what the document refuses', async () => {
    // An extra field in a location: additionalProperties false in the document, 400 at the route.
    const doc = (await t.call(null, { url: '/v2/openapi.json' })).json() as {
      paths: Record<
        string,
        {
          post: {
            requestBody: {
              content: Record<
                string,
                {
                  schema: {
                    properties: { locations: { items: { additionalProperties: boolean } } };
                  };
                }
              >;
            };
          };
        }
      >;
    };
    expect(
      doc.paths['/v2/session/new']?.post.requestBody.content['application/json']?.schema.properties
        .locations.items.additionalProperties,
    ).toBe(false);
    const res = await t.call('demo-insight', {
      method: 'POST',
      url: '/v2/session/new',
      payload: { locations: [{ lat: 45, lng: 2, name: 'x' }] },
    });
    expect(res.statusCode).toBe(400);
  });
});

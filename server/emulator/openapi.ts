/**
 * The OpenAPI description of the emulated API, generated from the shared wire schemas (never
 * hand-written), so that it cannot drift from what the emulator validates and sends.
 */
import { z } from 'zod';
import {
  accountUsageResponse,
  batchQuietnessRequest,
  batchQuietnessResponse,
  createSessionRequest,
  createSessionWire,
  deleteBatchRequest,
  deleteBatchResponse,
  deleteListingResponse,
  errorBody,
  latitude,
  listingStatsResponse,
  longitude,
  quietnessResponse,
  sessionStatusWire,
} from '../../src/contract/schemas';

const json = (schema: z.ZodType) => ({
  'application/json': {
    schema: z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'output' }),
  },
});
const body = (schema: z.ZodType) => ({
  required: true,
  content: {
    'application/json': { schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) },
  },
});
const error = (description: string) => ({ description, content: json(errorBody) });
const coordParams = [
  {
    name: 'lat',
    in: 'query',
    required: true,
    schema: z.toJSONSchema(latitude, { target: 'openapi-3.0' }),
  },
  {
    name: 'lng',
    in: 'query',
    required: true,
    schema: z.toJSONSchema(longitude, { target: 'openapi-3.0' }),
  },
];
const common = {
  '401': error('Missing or unknown API key'),
  '429': error('Monthly API calls used up (Retry-After header)'),
};

/**
 * The server is named by a relative URL: the document is served by the API it describes, and
 * a client resolves `/` against where it fetched it. Echoing the request's Host header
 * would let any caller write the URL other clients are sent to.
 */
export function buildOpenApi() {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Quiet Score API (local emulator)',
      version: '2',
      description:
        'A faithful local implementation of the Calmyx Quiet Score API v2 for development. Seeded keys: demo-trial, demo-insight, demo-intelligence, demo-enterprise. Errors follow {"success": false, "error", "message"}.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'Authorization' } },
    },
    security: [{ apiKey: [] }],
    paths: {
      '/v2/listing/quietness': {
        get: {
          summary: 'Quiet Score for one location (creates or refreshes a listing)',
          parameters: coordParams,
          responses: {
            '200': { description: 'The listing', content: json(quietnessResponse) },
            '400': error('Invalid coordinates'),
            '403': error('Listing limit reached'),
            '422': error('Failed to calculate quietness score (e.g. at sea)'),
            ...common,
          },
        },
        post: {
          summary: 'Quiet Scores for up to 500 locations, synchronously',
          requestBody: body(batchQuietnessRequest),
          responses: {
            '200': { description: 'Per-location results', content: json(batchQuietnessResponse) },
            '400': error('Invalid body'),
            '413': error('More than 500 listings'),
            ...common,
          },
        },
      },
      '/v2/session/new': {
        post: {
          summary: 'Start an asynchronous session of up to 500 locations',
          requestBody: body(createSessionRequest),
          responses: {
            '200': { description: 'The session', content: json(createSessionWire) },
            '400': error('Invalid body (names the first bad index and field)'),
            '413': error('More than 500 locations'),
            ...common,
          },
        },
      },
      '/v2/session/status': {
        get: {
          summary: 'Session progress and per-location results (ETag / If-None-Match → 304)',
          parameters: [
            { name: 'session_id', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'Status', content: json(sessionStatusWire) },
            '304': { description: 'Not modified since the ETag sent in If-None-Match' },
            '404': error('No session with this ID for this key'),
            ...common,
          },
        },
      },
      '/v2/listings/{listing_id}': {
        delete: {
          summary: 'Delete one listing (counts toward the permanent deletion limit)',
          parameters: [
            { name: 'listing_id', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'Deleted', content: json(deleteListingResponse) },
            '404': error('No such listing for this key'),
            '409': error('Deletion limit reached'),
            ...common,
          },
        },
      },
      '/v2/listings/by-coordinates': {
        delete: {
          summary: 'Delete the listing at these coordinates (matched at 6 decimals)',
          parameters: coordParams,
          responses: {
            '200': { description: 'Deleted', content: json(deleteListingResponse) },
            '404': error('No listing at these coordinates'),
            '409': error('Deletion limit reached'),
            ...common,
          },
        },
      },
      '/v2/listings/delete-batch': {
        post: {
          summary: 'Delete up to 100 listings, all or nothing against the deletion limit',
          requestBody: body(deleteBatchRequest),
          responses: {
            '200': { description: 'Deleted', content: json(deleteBatchResponse) },
            '400': error('Invalid body or more than 100 IDs'),
            '409': error('The batch would pass the deletion limit; nothing deleted'),
            ...common,
          },
        },
      },
      '/v2/listings/stats': {
        get: {
          summary: 'Listing quota and churn statistics',
          responses: {
            '200': { description: 'Stats', content: json(listingStatsResponse) },
            ...common,
          },
        },
      },
      '/v2/account/usage': {
        get: {
          summary: 'API usage, plan and listing counts',
          responses: {
            '200': { description: 'Usage', content: json(accountUsageResponse) },
            ...common,
          },
        },
      },
    },
  };
}

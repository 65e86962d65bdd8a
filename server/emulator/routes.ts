import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountUsageResponse,
  batchQuietnessRequest,
  batchQuietnessResponse,
  createSessionRequest,
  createSessionWire,
  deleteBatchRequest,
  deleteBatchResponse,
  deleteListingParams,
  deleteListingResponse,
  errorBody,
  listingStatsResponse,
  MAX_BATCH_LOCATIONS,
  quietnessQuery,
  quietnessResponse,
  sessionStatusQuery,
  sessionStatusWire,
} from '../../src/contract/schemas';
import { COMPRESS_MIN_BYTES, etagMatches, preferredEncoding } from '../compression';
import { checkBatchBody, checkDeleteBatchBody, checkSessionBody } from './limits';
import type { AccountRef, Services } from './services';
import { keyFromHeader, missingKey } from './services';
import type { StatusPayload } from './session-status';
import { zodValidatorCompiler } from './validation';

declare module 'fastify' {
  interface FastifyRequest {
    account?: AccountRef;
  }
}

export interface RouteDeps {
  services: Services;
  readStatus: (accountId: number, sessionId: string) => StatusPayload;
  onSessionCreated: () => void;
}

function accountOf(request: FastifyRequest): AccountRef {
  if (!request.account) throw missingKey();
  return request.account;
}

const json = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(description, errorBody);
const COMMON = {
  401: error('Missing or unknown API key'),
  429: error('Monthly API calls used up (Retry-After header)'),
};

/**
 * The emulated `/v2/*` endpoints. Each route declares its request and response with the
 * contract's schemas: the same schemas validate the request (a failure is our 400 naming the
 * field) and generate `/v2/openapi.json`, so the document and the validation cannot drift.
 * Handlers call services, nothing more.
 */
export async function registerEmulatorRoutes(
  app: FastifyInstance,
  { services, readStatus, onSessionCreated }: RouteDeps,
) {
  await app.register(async (scope) => {
    await scope.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Quiet Score API (local emulator)',
          version: '2',
          description:
            'A faithful local implementation of the Calmyx Quiet Score API v2 for development. Seeded keys: demo-trial, demo-insight, demo-intelligence, demo-enterprise. Errors follow {"success": false, "error", "message"}.',
        },
        // Relative: the document is served by the API it describes. Echoing the request's Host
        // header would let any caller write the URL other clients are sent to.
        servers: [{ url: '/' }],
        components: {
          securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'Authorization' } },
        },
        security: [{ apiKey: [] }],
      },
      transform: jsonSchemaTransform,
    });
    scope.setValidatorCompiler(zodValidatorCompiler);
    // Response schemas are for the document; answers are shaped by the services and sent as
    // they are (the status route sends prepared bytes).
    scope.setSerializerCompiler(() => (data) => JSON.stringify(data));

    let document: unknown = null;
    scope.get('/v2/openapi.json', { schema: { hide: true } }, async () => {
      document ??= scope.swagger();
      return document;
    });

    await scope.register(async (plain) => {
      const api = plain.withTypeProvider<ZodTypeProvider>();
      // Before the body is even parsed: who is calling, and may they make one more call?
      api.addHook('onRequest', async (request) => {
        const account = services.authenticate(request.headers.authorization);
        await services.chargeCall(account);
        request.account = account;
      });

      api.get(
        '/v2/listing/quietness',
        {
          schema: {
            summary: 'Quiet Score for one location (creates or refreshes a listing)',
            querystring: quietnessQuery,
            response: {
              200: json('The listing', quietnessResponse),
              400: error('Invalid coordinates'),
              403: error('Listing limit reached'),
              422: error('Failed to calculate quietness score (e.g. at sea)'),
              ...COMMON,
            },
          },
        },
        async (request) => services.quietnessSingle(accountOf(request), request.query),
      );
      api.post(
        '/v2/listing/quietness',
        {
          schema: {
            summary: `Quiet Scores for up to ${MAX_BATCH_LOCATIONS} locations, synchronously (413 too_many_locations beyond)`,
            body: batchQuietnessRequest,
            response: {
              200: json('Per-location results', batchQuietnessResponse),
              400: error('Invalid body'),
              413: error(`More than ${MAX_BATCH_LOCATIONS} listings: send smaller batches`),
              ...COMMON,
            },
          },
          preValidation: async (request) => checkBatchBody(request.body),
        },
        async (request) => services.quietnessBatch(accountOf(request), request.body.listings),
      );

      api.post(
        '/v2/session/new',
        {
          schema: {
            summary: 'Start an asynchronous session of up to 500 locations',
            body: createSessionRequest,
            response: {
              200: json('The session', createSessionWire),
              400: error('Invalid body (names the first bad index and field)'),
              413: error('More than 500 locations'),
              ...COMMON,
            },
          },
          preValidation: async (request) => checkSessionBody(request.body),
        },
        async (request) => {
          const created = services.createSession(accountOf(request), request.body.locations);
          onSessionCreated();
          return created;
        },
      );

      api.get(
        '/v2/session/status',
        {
          schema: {
            summary: 'Session progress and per-location results (ETag / If-None-Match → 304)',
            querystring: sessionStatusQuery,
            response: {
              200: json('Status', sessionStatusWire),
              304: z.null().describe('Not modified since the ETag sent in If-None-Match'),
              404: error('No session with this ID for this key'),
              ...COMMON,
            },
          },
        },
        async (request, reply) => {
          const payload = readStatus(accountOf(request).id, request.query.session_id);
          reply
            .header('ETag', payload.etag)
            .header('Cache-Control', 'no-cache')
            .header('Vary', 'Accept-Encoding');
          // No body and no length: the 304 schema is for the document, not for serializing.
          if (etagMatches(request.headers['if-none-match'], payload.etag))
            return (reply as FastifyReply).code(304).send();
          reply.type('application/json; charset=utf-8');
          // Compressed once per session version, not once per poll.
          const encoding = preferredEncoding(request.headers['accept-encoding']);
          if (encoding === null || payload.body.length < COMPRESS_MIN_BYTES)
            return reply.send(payload.body);
          return reply.header('Content-Encoding', encoding).send(payload.encoded(encoding));
        },
      );

      api.delete(
        '/v2/listings/by-coordinates',
        {
          schema: {
            summary: 'Delete the listing at these coordinates (matched at 6 decimals)',
            querystring: quietnessQuery,
            response: {
              200: json('Deleted', deleteListingResponse),
              404: error('No listing at these coordinates for this key'),
              409: error('Deletion limit reached'),
              ...COMMON,
            },
          },
        },
        async (request) => services.deleteByCoordinates(accountOf(request), request.query),
      );
      api.delete(
        '/v2/listings/:listing_id',
        {
          schema: {
            summary: 'Delete one listing (counts toward the permanent deletion limit)',
            params: deleteListingParams,
            response: {
              200: json('Deleted', deleteListingResponse),
              404: error('No such listing for this key'),
              409: error('Deletion limit reached'),
              ...COMMON,
            },
          },
        },
        async (request) => services.deleteById(accountOf(request), request.params.listing_id),
      );
      api.post(
        '/v2/listings/delete-batch',
        {
          schema: {
            summary: 'Delete up to 100 listings, all or nothing against the deletion limit',
            body: deleteBatchRequest,
            response: {
              200: json('Deleted', deleteBatchResponse),
              400: error('Invalid body, or more than 100 IDs'),
              409: error('Deletion limit reached'),
              ...COMMON,
            },
          },
          preValidation: async (request) => checkDeleteBatchBody(request.body),
        },
        async (request) => services.deleteBatch(accountOf(request), request.body.listing_ids),
      );
      api.get(
        '/v2/listings/stats',
        {
          schema: {
            summary: 'Listing quota and churn statistics',
            response: { 200: json('Statistics', listingStatsResponse), ...COMMON },
          },
        },
        async (request) => services.listingStats(accountOf(request)),
      );
      api.get(
        '/v2/account/usage',
        {
          schema: {
            summary: 'API-call usage, plan and listing counts (echoes the caller’s key)',
            response: { 200: json('Usage', accountUsageResponse), ...COMMON },
          },
        },
        async (request) =>
          services.accountUsage(
            accountOf(request),
            keyFromHeader(request.headers.authorization) ?? '',
          ),
      );
    });
  });
}

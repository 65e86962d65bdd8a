import type { FastifyInstance, FastifyRequest } from 'fastify';
import { COMPRESS_MIN_BYTES, etagMatches, preferredEncoding } from '../compression';
import { HttpError } from '../errors';
import { buildOpenApi } from './openapi';
import type { AccountRef, Services } from './services';
import { keyFromHeader } from './services';
import type { StatusPayload } from './session-status';

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
  if (!request.account)
    throw new HttpError(
      401,
      'unauthorized',
      'Missing API key: send it in the Authorization header.',
    );
  return request.account;
}

/** The emulated `/v2/*` endpoints: handlers validate and call services, nothing more. */
export async function registerEmulatorRoutes(
  app: FastifyInstance,
  { services, readStatus, onSessionCreated }: RouteDeps,
) {
  const openApi = buildOpenApi();
  app.get('/v2/openapi.json', async () => openApi);

  await app.register(async (api) => {
    // Before the body is even parsed: who is calling, and may they make one more call?
    api.addHook('onRequest', async (request) => {
      const account = services.authenticate(request.headers.authorization);
      await services.chargeCall(account);
      request.account = account;
    });

    api.get('/v2/listing/quietness', async (request) =>
      services.quietnessSingle(accountOf(request), request.query),
    );
    api.post('/v2/listing/quietness', async (request) =>
      services.quietnessBatch(accountOf(request), request.body),
    );

    api.post('/v2/session/new', async (request) => {
      const created = services.createSession(accountOf(request), request.body);
      onSessionCreated();
      return created;
    });

    api.get('/v2/session/status', async (request, reply) => {
      const sessionId = (request.query as { session_id?: unknown }).session_id;
      if (typeof sessionId !== 'string' || sessionId.trim() === '') {
        throw new HttpError(400, 'invalid_request', 'Query: session_id: required.');
      }
      const payload = readStatus(accountOf(request).id, sessionId.trim());
      reply
        .header('ETag', payload.etag)
        .header('Cache-Control', 'no-cache')
        .header('Vary', 'Accept-Encoding');
      if (etagMatches(request.headers['if-none-match'], payload.etag))
        return reply.code(304).send();
      reply.type('application/json; charset=utf-8');
      // Compressed once per session version, not once per poll.
      const encoding = preferredEncoding(request.headers['accept-encoding']);
      if (encoding === null || payload.body.length < COMPRESS_MIN_BYTES)
        return reply.send(payload.body);
      return reply.header('Content-Encoding', encoding).send(payload.encoded(encoding));
    });

    api.delete('/v2/listings/by-coordinates', async (request) =>
      services.deleteByCoordinates(accountOf(request), request.query),
    );
    api.delete('/v2/listings/:listing_id', async (request) =>
      services.deleteById(
        accountOf(request),
        (request.params as { listing_id: string }).listing_id,
      ),
    );
    api.post('/v2/listings/delete-batch', async (request) =>
      services.deleteBatch(accountOf(request), request.body),
    );
    api.get('/v2/listings/stats', async (request) => services.listingStats(accountOf(request)));
    api.get('/v2/account/usage', async (request) =>
      services.accountUsage(accountOf(request), keyFromHeader(request.headers.authorization) ?? ''),
    );
  });
}

import zlib from 'node:zlib';
import compress from '@fastify/compress';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { AppConfig } from '../src/contract/schemas';
import { COMPRESS_MIN_BYTES } from './compression';
import type { ServerConfig } from './config';
import { HttpError, errorBody, sendError, writeClientError } from './errors';
import { registerJsonBodyParser } from './json-body';
import { createMetrics, registerMetricsRoute } from './metrics';
import { registerProxy } from './proxy/proxy';
import { registerRateLimit } from './rate-limit';
import { createUpstreamProbe, type Readiness } from './readiness';
import { applySecurityHeaders, registerSecurityHeaders } from './security';
import { registerSpa } from './spa';

export interface AppDeps {
  /** Mounts the emulator's `/v2/*` routes (emulator mode). Without it `/v2/*` answers 503. */
  emulator?: (app: FastifyInstance) => Promise<void>;
  /** Demo key offered by `/api/config` in emulator mode. */
  demoKey?: string | null;
  /** The seeded demo session, linked from the start page in emulator mode. */
  demoSessionId?: string | null;
}

/** Builds the server without listening: `server/main.ts` listens, tests use `inject`. */
export async function createApp(
  config: ServerConfig,
  deps: AppDeps = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Keys travel in Authorization: never log it, whatever else logs a request.
      redact: [
        'req.headers.authorization',
        'req.headers["authorization"]',
        'headers.authorization',
      ],
    },
    bodyLimit: 1024 * 1024,
    trustProxy:
      typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    // Route matching is exact: `/v2/x/` is not `/v2/x`.
    routerOptions: { ignoreTrailingSlash: false },
    // Errors raised before routing (a malformed percent-encoding) get the contract's body and
    // our headers like any other; so do requests Node cannot even parse (`clientErrorHandler`).
    frameworkErrors: (error, _request, reply) => {
      applySecurityHeaders(reply);
      const message =
        error.code === 'FST_ERR_BAD_URL'
          ? 'The request path is not valid: it has a malformed percent-encoding.'
          : 'The request could not be routed.';
      return sendError(reply, 400, 'invalid_request', message);
    },
    clientErrorHandler: writeClientError,
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      reply.headers(error.headers);
      return sendError(reply, error.statusCode, error.code, error.message);
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error, url: request.url.split('?')[0] }, 'request failed');
      return sendError(
        reply,
        500,
        'internal',
        'Something went wrong on our side. Please try again.',
      );
    }
    if (status === 429) {
      return sendError(reply, 429, 'rate_limited', error.message);
    }
    return reply
      .code(status)
      .send(
        errorBody('invalid_request', describeClientError(error, request.routeOptions.bodyLimit)),
      );
  });

  await registerSecurityHeaders(app, config);
  registerJsonBodyParser(app);
  // Scripts, styles and JSON compress 4–8×; brotli at a fast level, since most bodies are dynamic.
  await app.register(compress, {
    threshold: COMPRESS_MIN_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await registerRateLimit(app, config.rateLimitPerMinute);

  const appConfigBody: AppConfig = {
    mode: config.mode,
    upstreamHost: config.upstream?.host ?? null,
    tileUrl: config.tileUrl,
    tileAttribution: config.tileAttribution,
    demoKey: config.mode === 'emulator' ? (deps.demoKey ?? null) : null,
    demoSessionId: config.mode === 'emulator' ? (deps.demoSessionId ?? null) : null,
    sharedPolling: config.mode === 'proxy' ? { minIntervalMs: config.upstreamMinIntervalMs } : null,
  };
  app.get('/api/config', async (): Promise<AppConfig> => appConfigBody);

  // Liveness: the process answers. Readiness: it can do its job (in proxy mode, the upstream
  // accepts connections), so a load balancer sends traffic elsewhere while it cannot.
  app.get('/api/health', async () => ({ ok: true, mode: config.mode }));
  const probe = config.upstream
    ? createUpstreamProbe(config.upstream, Math.min(config.upstreamTimeoutMs, 2000))
    : async (): Promise<Readiness> => ({ ready: true, upstream: null });
  app.get('/api/ready', async (_request, reply) => {
    const readiness = await probe();
    return reply.code(readiness.ready ? 200 : 503).send(readiness);
  });

  const metrics = createMetrics();
  registerMetricsRoute(app, metrics);

  if (config.mode === 'proxy') {
    await registerProxy(app, config, metrics);
  } else if (deps.emulator) {
    await deps.emulator(app);
  } else {
    app.all('/v2/*', (_request, reply) =>
      sendError(
        reply,
        503,
        'emulator_unavailable',
        'The Quiet Score emulator is not available in this server.',
      ),
    );
  }

  await registerSpa(app, config.staticDir, appConfigBody);
  return app;
}

function describeClientError(error: FastifyError, bodyLimit: number | undefined): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The request body is too large (limit ${formatMb(bodyLimit ?? 1024 * 1024)}).`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request body as JSON with Content-Type: application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; send a JSON object.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON.';
    default:
      if (error instanceof SyntaxError) return 'The request body is not valid JSON.';
      return error.message;
  }
}

const formatMb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** `TRUST_PROXY=n`: believe the n proxies nearest to the server, as proxy-addr counts hops. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

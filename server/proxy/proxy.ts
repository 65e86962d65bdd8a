import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Pool, errors as undiciErrors } from 'undici';
import type { ErrorCode } from '../../src/api/schemas';
import type { ServerConfig } from '../config';
import { sendError } from '../errors';
import { normalisePath, queryOf } from '../http-path';
import {
  COMPRESS_MIN_BYTES,
  acceptedEncodings,
  encodeSync,
  preferredEncoding,
} from '../compression';
import {
  AnswerTooLargeError,
  codingsToUndo,
  createByteLimit,
  createRedactor,
  decodeSync,
  decodersFor,
  holdThenStream,
  redactBuffer,
  throughStages,
} from './body';
import { browserResponseHeaders, upstreamRequestHeaders } from './headers';

/** Bytes of an answer held before anything is sent, so that a failure within them is a clean error. */
const HOLD_BYTES = 1024 * 1024;
/** The largest request body forwarded upstream (the API's own limits are far below it). */
export const PROXY_MAX_REQUEST_BYTES = 5 * 1024 * 1024;

/**
 * A request path that stays inside `/v2/` on the upstream: no dot segments, no encoded or
 * doubled slashes, no backslashes, nothing that a URL parser could turn into another host
 * or path. Takes the normalised path (see `normalisePath`).
 */
export function isSafeProxyPath(path: string | null): path is string {
  if (path === null || !path.startsWith('/v2/')) return false;
  // Control characters could split or smuggle a request line.
  // eslint-disable-next-line no-control-regex
  if (/%2F|%5C|%00|\\|\/\/|[\u0000-\u0020\u007f]/.test(path)) return false;
  return !path
    .split('/')
    .some((segment) => segment === '.' || segment === '..' || /^(%2E|\.)+$/.test(segment));
}

interface Failure {
  status: number;
  code: ErrorCode;
  message: string;
}

/**
 * Proxy mode: `/v2/*` goes to the configured upstream and nowhere else, streamed both ways.
 * The server's key is injected when it holds one (else the caller's own `Authorization` is
 * forwarded); then every answer is decoded and the key redacted from it, since the usage
 * endpoint echoes it. Response headers pass an allow-list; our security headers always win.
 */
export async function registerProxy(app: FastifyInstance, config: ServerConfig) {
  const upstream = config.upstream;
  if (!upstream) throw new Error('registerProxy needs an upstream');
  const basePath = upstream.pathname.replace(/\/+$/, '');
  const serverKey = config.upstreamApiKey;
  const maxResponseBytes = config.proxyMaxResponseMb * 1024 * 1024;
  const pool = new Pool(upstream.origin, {
    connections: 64,
    headersTimeout: config.upstreamTimeoutMs,
    bodyTimeout: config.upstreamTimeoutMs,
    connectTimeout: config.upstreamTimeoutMs,
  });
  app.addHook('onClose', async () => pool.close());
  const streamFailures = new WeakMap<FastifyRequest, Failure>();

  const tooLarge: Failure = {
    status: 502,
    code: 'upstream_response_too_large',
    message: `The Quiet Score API’s answer is larger than this server relays (PROXY_MAX_RESPONSE_MB = ${config.proxyMaxResponseMb}).`,
  };
  /** What went wrong with the upstream, in the contract's terms (never the upstream's own words). */
  const classify = (error: unknown, duringBody: boolean): Failure =>
    error instanceof AnswerTooLargeError ? tooLarge : classifyTransport(error, duringBody);

  await app.register(async (scope) => {
    // Bodies are streamed to the upstream as they arrive, never parsed here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    // A body that fails after it started streaming but before a byte was written: the answer
    // is still ours to give, as a contract error without the headers meant for the body.
    scope.setErrorHandler((error, request, reply) => {
      const failure = streamFailures.get(request);
      if (!failure) throw error;
      reply.removeHeader('content-encoding').removeHeader('content-length');
      return sendFailure(request, reply, failure);
    });

    scope.all('/v2/*', async (request, reply) => {
      const path = normalisePath(request.raw.url ?? '');
      if (!isSafeProxyPath(path)) {
        return sendError(
          reply,
          400,
          'invalid_request',
          'That path cannot be forwarded to the Quiet Score API.',
        );
      }
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > PROXY_MAX_REQUEST_BYTES) {
        return sendError(reply, 413, 'invalid_request', requestTooLargeMessage());
      }

      const abort = new AbortController();
      // A browser that leaves before the answer is relayed frees the upstream request too.
      const onClose = () => abort.abort();
      reply.raw.once('close', onClose);
      let requestTooLarge = false;
      const body = hasBody(request.raw)
        ? throughStages(request.raw, [
            createByteLimit(PROXY_MAX_REQUEST_BYTES, () => {
              requestTooLarge = true;
              return new Error('request body too large');
            }),
          ])
        : null;

      let res: Awaited<ReturnType<Pool['request']>>;
      try {
        res = await pool.request({
          path: `${basePath}${path}${queryOf(request.raw.url ?? '')}`,
          method: request.method as 'GET',
          headers: upstreamRequestHeaders(request.headers, { serverKey }),
          body,
          signal: abort.signal,
        });
      } catch (error) {
        if (requestTooLarge)
          return sendError(reply, 413, 'invalid_request', requestTooLargeMessage());
        return sendFailure(request, reply, classify(error, false));
      }
      await relayResponse(request, reply, res);
      if (reply.raw.writableFinished) reply.raw.off('close', onClose);
      return reply;
    });
  });

  async function relayResponse(
    request: FastifyRequest,
    reply: FastifyReply,
    res: Awaited<ReturnType<Pool['request']>>,
  ) {
    const noBody = request.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304;
    const rewrite = serverKey !== null && !noBody;
    const headers = browserResponseHeaders(res.headers, { serverKey, bodyRewritten: rewrite });
    if (res.statusCode < 200 || res.statusCode > 599) {
      res.body.destroy();
      return sendFailure(request, reply, {
        status: 502,
        code: 'upstream_bad_response',
        message: `The Quiet Score API answered with an invalid status (${res.statusCode}).`,
      });
    }
    if (noBody) {
      res.body.resume();
      return reply.code(res.statusCode).headers(headers).send();
    }
    if (Number(res.headers['content-length'] ?? 0) > maxResponseBytes) {
      res.body.destroy();
      return sendFailure(request, reply, tooLarge);
    }
    const codings = rewrite ? codingsToUndo(res.headers['content-encoding']) : [];
    if (!codings) {
      res.body.destroy();
      return sendFailure(request, reply, {
        status: 502,
        code: 'upstream_bad_response',
        message: `The Quiet Score API answered in an encoding this server cannot check (${String(res.headers['content-encoding'])}).`,
      });
    }

    // The upstream's own bytes are held first. A body that keeps dripping is held for at most
    // twice the timeout; one that stalls for the timeout fails within the hold, as a clean 504.
    let held;
    try {
      held = await holdThenStream(
        throughStages(res.body, [createByteLimit(maxResponseBytes)]),
        HOLD_BYTES,
        2 * config.upstreamTimeoutMs,
      );
    } catch (error) {
      return sendFailure(request, reply, classify(error, true));
    }

    if (held.complete) {
      let body = held.body;
      if (rewrite && serverKey) {
        let decoded: Buffer;
        try {
          decoded = decodeSync(body, codings, maxResponseBytes);
        } catch (error) {
          return sendFailure(request, reply, classify(error, true));
        }
        const redacted = redactBuffer(decoded, serverKey);
        const accepted = acceptedEncodings(request.headers['accept-encoding']);
        if (redacted === decoded && codings.length > 0 && codings.every((c) => accepted.has(c))) {
          // Nothing to take out (every status poll) and the browser reads the upstream's coding:
          // its own bytes go on unchanged, with no work spent re-encoding them.
          headers['content-encoding'] = String(res.headers['content-encoding']);
        } else {
          body = redacted;
          const encoding = preferredEncoding(request.headers['accept-encoding']);
          if (encoding && body.length >= COMPRESS_MIN_BYTES) {
            body = encodeSync(body, encoding);
            headers['content-encoding'] = encoding;
          }
        }
        headers.vary = 'Accept-Encoding';
      }
      return reply
        .code(res.statusCode)
        .headers(headers)
        .header('content-length', body.length)
        .send(body);
    }

    // Past the hold, bytes stream through as they come (decoded and redacted with a key).
    const stream =
      rewrite && serverKey
        ? throughStages(held.stream, [
            ...decodersFor(codings),
            createRedactor(serverKey),
            createByteLimit(maxResponseBytes),
          ])
        : held.stream;
    stream.on('error', (error) => {
      // Seen before whatever error a later stage (compression) makes of it: the error handler
      // above answers with this one if nothing was written yet.
      streamFailures.set(request, classify(error, true));
    });
    reply.code(res.statusCode).headers(headers);
    if (rewrite) reply.removeHeader('content-length');
    return reply.send(stream);
  }
}

function requestTooLargeMessage() {
  return `The request body is too large (limit ${PROXY_MAX_REQUEST_BYTES / 1024 / 1024} MB).`;
}

function hasBody(raw: IncomingMessage): boolean {
  return (
    Number(raw.headers['content-length'] ?? 0) > 0 || raw.headers['transfer-encoding'] !== undefined
  );
}

function sendFailure(request: FastifyRequest, reply: FastifyReply, failure: Failure) {
  if (reply.raw.headersSent || request.raw.destroyed) return reply;
  request.log.warn({ code: failure.code }, 'upstream request failed');
  return sendError(reply, failure.status, failure.code, failure.message);
}

function classifyTransport(error: unknown, duringBody: boolean): Failure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  ) {
    return {
      status: 504,
      code: 'upstream_timeout',
      message: 'The Quiet Score API did not answer in time. Try again.',
    };
  }
  if (
    code.startsWith('Z_') ||
    code.startsWith('ERR_BROTLI') ||
    code === 'ERR__ZLIB_INITIALIZATION_FAILED'
  ) {
    return {
      status: 502,
      code: 'upstream_bad_response',
      message: 'The Quiet Score API’s answer could not be decoded.',
    };
  }
  return duringBody
    ? {
        status: 502,
        code: 'upstream_unreachable',
        message: 'The Quiet Score API’s answer was cut off.',
      }
    : {
        status: 502,
        code: 'upstream_unreachable',
        message: 'The Quiet Score API cannot be reached right now.',
      };
}

import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Pool } from 'undici';
import type { ServerConfig } from '../config';
import { sendError } from '../errors';
import { queryOf } from '../http-path';
import {
  COMPRESS_MIN_BYTES,
  acceptedEncodings,
  encodeSync,
  etagMatches,
  preferredEncoding,
} from '../compression';
import type { Metrics } from '../metrics';
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
import { DECODABLE_ENCODINGS, browserResponseHeaders, upstreamRequestHeaders } from './headers';
import {
  TIMEOUT,
  acceptedAge,
  classifyTransport,
  isSafeProxyPath,
  routeLabel,
  type Failure,
} from './policy';
import { createSharedAnswers, keyHash, type Loaded, type SharedAnswer } from './shared-answers';

/** Bytes of an answer held before anything is sent, so that a failure within them is a clean error. */
const HOLD_BYTES = 1024 * 1024;
/** Routes whose GET answers are shared between viewers with the same key. */
const SHARED_ROUTES = new Set(['/v2/session/status', '/v2/listing/quietness']);
/** Listing details opened by several viewers within this long cost one call. */
const LISTING_REUSE_MS = 10_000;

/** The largest request body forwarded upstream (the API's own limits are far below it). */
export const PROXY_MAX_REQUEST_BYTES = 5 * 1024 * 1024;

/**
 * Proxy mode: `/v2/*` goes to the configured upstream and nowhere else, streamed both ways.
 * The server's key is injected when it holds one (else the caller's own `Authorization` is
 * forwarded); then every answer is decoded and the key redacted from it, since the usage
 * endpoint echoes it. Response headers pass an allow-list; our security headers always win.
 */
export async function registerProxy(app: FastifyInstance, config: ServerConfig, metrics: Metrics) {
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
  const shared = createSharedAnswers<Failure>({ maxBytes: config.proxyCacheMb * 1024 * 1024 });
  metrics.setCacheSource(shared.stats);

  /** Every upstream request goes through here: it is what spends the account's quota. */
  async function upstreamRequest(options: Parameters<Pool['request']>[0]) {
    const route = routeLabel(String(options.path).slice(basePath.length));
    const stopTimer = metrics.upstreamDuration.startTimer({ route });
    try {
      const res = await pool.request(options);
      metrics.upstreamRequests.inc({ route, status: String(res.statusCode) });
      return res;
    } catch (error) {
      metrics.upstreamRequests.inc({ route, status: 'error' });
      throw error;
    } finally {
      stopTimer();
    }
  }

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
      // Normalised once, by the security hook that runs before every route.
      const path = request.pathname;
      if (!isSafeProxyPath(path)) {
        return sendError(
          reply,
          400,
          'invalid_request',
          'That path cannot be forwarded to the Quiet Score API.',
        );
      }
      if (request.method === 'GET' && SHARED_ROUTES.has(path)) {
        return serveShared(request, reply, path);
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
        res = await upstreamRequest({
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

  /**
   * Status polls (and listing details) are shared by everyone asking with the same key: one
   * upstream request in flight, its answer reused while fresh, our own ETag and 304s.
   */
  async function serveShared(request: FastifyRequest, reply: FastifyReply, path: string) {
    const isStatus = path === '/v2/session/status';
    const stopTimer = isStatus ? metrics.statusDuration.startTimer() : null;
    const target = `${path}${queryOf(request.raw.url ?? '')}`;
    const upstreamKey = serverKey ?? String(request.headers.authorization ?? '');
    const maxAgeMs = isStatus
      ? acceptedAge(request.headers['cache-control'], config.upstreamMinIntervalMs)
      : LISTING_REUSE_MS;
    const result = await shared.get(
      `${keyHash(upstreamKey)} ${target}`,
      maxAgeMs,
      (previous) => fetchWhole(target, request.headers, previous),
      { canBeFinal: isStatus },
    );
    if (result.via !== 'upstream') metrics.callsSaved.inc({ route: path, via: result.via });
    stopTimer?.({ via: result.via });
    if (!result.answer) return sendFailure(request, reply, result.failure ?? tooLarge);
    const answer = result.answer;
    reply.code(answer.status).headers(answer.headers);
    reply.header('age', Math.floor((Date.now() - answer.storedAt) / 1000));
    if (answer.status === 200) {
      reply.header('etag', answer.etag).header('cache-control', 'no-cache');
      if (etagMatches(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
    }
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    const encoded = encoding ? answer.encoded[encoding] : undefined;
    if (encoding && encoded) {
      reply.header('content-encoding', encoding).header('vary', 'Accept-Encoding');
      return reply.header('content-length', encoded.length).send(encoded);
    }
    return reply.header('content-length', answer.body.length).send(answer.body);
  }

  /** One upstream GET read whole, decoded and redacted, for sharing. */
  async function fetchWhole(
    target: string,
    browserHeaders: FastifyRequest['headers'],
    previous: SharedAnswer | null,
  ): Promise<Loaded<Failure>> {
    const headers = upstreamRequestHeaders(browserHeaders, { serverKey });
    // The browser's validators are ours, not the upstream's; ours to revalidate with are these.
    delete headers['if-none-match'];
    delete headers['if-modified-since'];
    if (previous?.upstreamEtag) headers['if-none-match'] = previous.upstreamEtag;
    headers['accept-encoding'] = DECODABLE_ENCODINGS;
    let res: Awaited<ReturnType<Pool['request']>>;
    try {
      res = await upstreamRequest({ path: `${basePath}${target}`, method: 'GET', headers });
    } catch (error) {
      return { kind: 'failure', failure: classify(error, false) };
    }
    if (res.statusCode === 304) {
      res.body.resume();
      if (previous) return { kind: 'not-modified' };
    }
    const undone = codingsToUndo(res.headers['content-encoding']);
    const refused =
      res.statusCode === 304
        ? {
            status: 502,
            code: 'upstream_bad_response' as const,
            message: 'The Quiet Score API answered 304 to a request that held no validator.',
          }
        : refuseHead(res, { body: true, decode: true }, undone);
    if (refused) return { kind: 'failure', failure: refused };
    const codings = undone ?? [];
    let body: Buffer;
    try {
      const held = await holdThenStream(
        throughStages(res.body, [createByteLimit(maxResponseBytes)]),
        maxResponseBytes + 1,
        2 * config.upstreamTimeoutMs,
      );
      if (!held.complete) {
        held.stream.destroy();
        return { kind: 'failure', failure: TIMEOUT };
      }
      body = decodeSync(held.body, codings, maxResponseBytes);
    } catch (error) {
      return { kind: 'failure', failure: classify(error, true) };
    }
    const answerHeaders = browserResponseHeaders(res.headers, { serverKey, bodyRewritten: true });
    delete answerHeaders.etag;
    delete answerHeaders['last-modified'];
    return {
      kind: 'answer',
      answer: {
        status: res.statusCode,
        headers: answerHeaders,
        body: serverKey ? redactBuffer(body, serverKey) : body,
        upstreamEtag: typeof res.headers.etag === 'string' ? res.headers.etag : null,
      },
    };
  }

  /**
   * What makes an upstream answer unusable before its body is read, or null: a status outside
   * 2xx–5xx, a declared length past the cap, or (when the body must be decoded) a coding we
   * cannot decode (`codings` null).
   */
  function refuseHead(
    res: Awaited<ReturnType<Pool['request']>>,
    check: { body: boolean; decode: boolean },
    codings: string[] | null,
  ): Failure | null {
    let failure: Failure | null = null;
    if (res.statusCode < 200 || res.statusCode > 599) {
      failure = {
        status: 502,
        code: 'upstream_bad_response',
        message: `The Quiet Score API answered with an invalid status (${res.statusCode}).`,
      };
    } else if (!check.body) {
      failure = null;
    } else if (Number(res.headers['content-length'] ?? 0) > maxResponseBytes) {
      failure = tooLarge;
    } else if (check.decode && codings === null) {
      failure = {
        status: 502,
        code: 'upstream_bad_response',
        message: `The Quiet Score API answered in an encoding this server cannot check (${String(res.headers['content-encoding'])}).`,
      };
    }
    if (failure) res.body.destroy();
    return failure;
  }

  async function relayResponse(
    request: FastifyRequest,
    reply: FastifyReply,
    res: Awaited<ReturnType<Pool['request']>>,
  ) {
    const noBody = request.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304;
    const rewrite = serverKey !== null && !noBody;
    const headers = browserResponseHeaders(res.headers, { serverKey, bodyRewritten: rewrite });
    const undone = rewrite ? codingsToUndo(res.headers['content-encoding']) : [];
    const refused = refuseHead(res, { body: !noBody, decode: rewrite }, undone);
    if (refused) return sendFailure(request, reply, refused);
    if (noBody) {
      res.body.resume();
      return reply.code(res.statusCode).headers(headers).send();
    }
    const codings = undone ?? [];

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

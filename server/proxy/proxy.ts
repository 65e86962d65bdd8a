import type { IncomingHttpHeaders } from 'node:http';
import replyFrom from '@fastify/reply-from';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config';
import { sendError } from '../errors';

/**
 * A request target that stays inside `/v2/` on the upstream: no dot segments, no encoded or
 * doubled slashes, no backslashes, nothing that a URL parser could turn into another host
 * or path.
 */
export function isSafeProxyTarget(rawUrl: string): boolean {
  const [pathPart = ''] = rawUrl.split('?', 1);
  if (!pathPart.startsWith('/v2/')) return false;
  // Control characters could split or smuggle a request line.
  // eslint-disable-next-line no-control-regex
  if (/%2f|%5c|\\|\/\/|[\u0000-\u001f\u007f]/i.test(pathPart)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return false;
  }
  return !decoded.split('/').some((segment) => segment === '.' || segment === '..');
}

/**
 * Proxy mode: `/v2/*` goes to the configured upstream and nowhere else. The server's key is
 * injected when it holds one (else the caller's own `Authorization` is forwarded), and it is
 * redacted from whatever comes back (the usage endpoint echoes it).
 */
export async function registerProxy(app: FastifyInstance, config: ServerConfig) {
  const upstream = config.upstream;
  if (!upstream) throw new Error('registerProxy needs an upstream');
  const basePath = upstream.pathname.replace(/\/+$/, '');
  const serverKey = config.upstreamApiKey;

  await app.register(async (scope) => {
    // Forward bodies byte for byte instead of parsing and re-serializing them.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
    await scope.register(replyFrom, {
      base: upstream.origin,
      undici: { headersTimeout: config.upstreamTimeoutMs, bodyTimeout: config.upstreamTimeoutMs },
      disableRequestLogging: true,
    });

    scope.all('/v2/*', (request, reply) => {
      if (!isSafeProxyTarget(request.raw.url ?? '')) {
        return sendError(
          reply,
          400,
          'invalid_request',
          'That path cannot be forwarded to the Quiet Score API.',
        );
      }
      const rawBody = Buffer.isBuffer(request.body) ? request.body : undefined;
      return reply.from(`${basePath}${request.raw.url ?? ''}`, {
        timeout: config.upstreamTimeoutMs,
        // Passed explicitly with its content type, the body goes out byte for byte (not re-encoded).
        ...(rawBody
          ? {
              body: rawBody,
              contentType: request.headers['content-type'] ?? 'application/octet-stream',
            }
          : {}),
        rewriteRequestHeaders: (_req, headers) => withoutHopByHop(headers, serverKey),
        onResponse: (_req, rep, res) => {
          if (!serverKey) return rep.send(res.stream);
          void readAll(res.stream).then(
            (buffer) => {
              rep.removeHeader('content-length');
              rep.send(buffer.toString('utf8').split(serverKey).join('[redacted]'));
            },
            () =>
              sendError(
                rep,
                502,
                'upstream_unreachable',
                'The Quiet Score API’s answer was cut off.',
              ),
          );
        },
        onError: (rep, { error }) => {
          const timedOut =
            (error as { statusCode?: number }).statusCode === 504 ||
            /timeout/i.test(String((error as NodeJS.ErrnoException).code ?? error.message));
          if (timedOut) {
            return sendError(
              rep,
              504,
              'upstream_timeout',
              'The Quiet Score API did not answer in time. Try again.',
            );
          }
          return sendError(
            rep,
            502,
            'upstream_unreachable',
            'The Quiet Score API cannot be reached right now.',
          );
        },
      });
    });
  });
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  // The dashboard's own cookies are none of the upstream's business.
  'cookie',
]);

/** RFC 9110 §7.6.1: drop hop-by-hop headers and those the Connection header names. */
export function withoutHopByHop(
  headers: IncomingHttpHeaders,
  serverKey: string | null,
): IncomingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const next: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name) && !named.includes(name)) next[name] = value;
  }
  if (serverKey) next.authorization = serverKey;
  return next;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

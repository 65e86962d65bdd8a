import type { Duplex } from 'node:stream';
import type { ErrorBody, ErrorCode } from '../src/contract/schemas';

/** An error that becomes our contract's JSON body: `{ success: false, error, message }`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode | string, message: string): ErrorBody {
  return { success: false, error: code, message };
}

/** Structural, so that replies of encapsulated or proxying scopes fit too. */
export interface ReplyLike {
  code(statusCode: number): ReplyLike;
  type(contentType: string): ReplyLike;
  send(payload?: unknown): unknown;
}

export function sendError(reply: ReplyLike, statusCode: number, code: ErrorCode, message: string) {
  return reply.code(statusCode).type('application/json').send(errorBody(code, message));
}

const CLIENT_ERROR_HEADERS = [
  'Content-Type: application/json',
  "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options: nosniff',
  'X-Frame-Options: DENY',
  'Referrer-Policy: no-referrer',
  'Connection: close',
].join('\r\n');

/**
 * A request Node's HTTP parser refused (a lowercase method, a malformed header) never reaches
 * Fastify: answer it in the contract's shape on the raw socket, then close it.
 */
export function writeClientError(error: NodeJS.ErrnoException, socket: Duplex) {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive.']
        : [
            400,
            'Bad Request',
            'The request is not valid HTTP/1.1 (methods are upper-case, headers well-formed).',
          ];
  const body = JSON.stringify(errorBody('invalid_request', message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n${CLIENT_ERROR_HEADERS}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

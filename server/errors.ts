import type { ErrorBody, ErrorCode } from '../src/api/schemas';

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

/**
 * The one fetch client: base path `/v2`, `Authorization: <key>` (raw, as documented),
 * AbortSignal passed through, every response parsed with its schema, and every failure a
 * typed `ApiError` whatever the server sent. It never toasts, redirects or logs.
 */
import type { z } from 'zod';
import { formatPath } from '../contract/field-path';
import { getEffectiveApiKey } from '../lib/api-key';
import { looseErrorBody } from '../contract/schemas';

export type ApiErrorKind =
  | 'unauthorized'
  | 'not_found'
  | 'quota'
  | 'invalid_request'
  | 'server'
  | 'network'
  | 'invalid_payload';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  /** HTTP status, 0 when no response arrived. */
  readonly status: number;
  /** Machine code from the body (`quota_exceeded`, …), when there was one. */
  readonly code: string | null;
  /** Seconds to wait before retrying, from `Retry-After`. */
  readonly retryAfter: number | null;
  /** The parsed body, or the raw text when it was not JSON. */
  readonly body: unknown;
  /** For `invalid_payload`: the first field path that failed, e.g. `results[3].quiet_score`. */
  readonly fieldPath: string | null;
  /** When the answer came (ms since the epoch): `Retry-After` counts from here. */
  readonly at = Date.now();

  constructor(init: {
    kind: ApiErrorKind;
    status: number;
    message: string;
    code?: string | null;
    retryAfter?: number | null;
    body?: unknown;
    fieldPath?: string | null;
  }) {
    super(init.message);
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.body = init.body;
    this.fieldPath = init.fieldPath ?? null;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/**
 * A refusal because the month's API calls are used up (a 429 `quota_exceeded`, or one whose
 * `Retry-After` reaches past an hour): no retry helps before the quota resets. `resetAt`: when
 * it does, from `Retry-After`, if the API said.
 */
export function quotaExhausted(e: unknown): { resetAt: number | null } | null {
  // Any error may be asked about: only a refusal (an ApiError, or its fields) can answer yes.
  const r = e as Partial<Pick<ApiError, 'status' | 'code' | 'retryAfter' | 'at'>> | null;
  if (typeof r !== 'object' || r === null || r.status !== 429) return null;
  const retryAfter = r.retryAfter ?? null;
  if (r.code !== 'quota_exceeded' && (retryAfter ?? 0) < 3600) return null;
  return { resetAt: retryAfter === null ? null : (r.at ?? Date.now()) + retryAfter * 1000 };
}

/** `exhausted`: the API refused the call because the month's quota is used up. */
type CallListener = (path: string, exhausted: boolean) => void;
const callListeners = new Set<CallListener>();

/**
 * Hears every call that reached the API and was counted against the quota: answered (even
 * with a 304 or an error) by the API itself, not from a shared server cache (an `Age` header),
 * and not refused for want of quota or key; and every refusal for a used-up monthly quota
 * (`exhausted`). The usage chip follows the quota with it.
 */
export function onApiCall(listener: CallListener): () => void {
  callListeners.add(listener);
  return () => {
    callListeners.delete(listener);
  };
}

function counted(path: string, response: Response) {
  if (!path.startsWith('/v2/') || response.headers.has('Age')) return;
  if (response.status === 401 || response.status === 429 || response.status >= 500) return;
  for (const listener of callListeners) listener(path, false);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  query?: Record<string, string | number>;
  body?: unknown;
  signal?: AbortSignal;
  /** Send `If-None-Match`; a 304 then resolves to `{ notModified: true }`. */
  etag?: string | null;
  /** Our own `/api/*` routes need no key. */
  auth?: boolean;
  /**
   * How old an answer may be, in ms (`Cache-Control: max-age`): a server that shares polls
   * between viewers may answer from its cache within it. Omitted: as fresh as it allows.
   */
  maxAgeMs?: number | null;
}

export type Fetched<T> =
  { notModified: false; data: T; etag: string | null } | { notModified: true };

export async function apiRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<Fetched<z.infer<S>>> {
  const { method = 'GET', query, body, signal, etag, auth = true, maxAgeMs } = options;
  const url = buildUrl(path, query);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const key = auth ? getEffectiveApiKey() : null;
  if (key) headers.Authorization = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-None-Match'] = etag;
  if (maxAgeMs) headers['Cache-Control'] = `max-age=${Math.floor(maxAgeMs / 1000)}`;

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      // We do conditional requests ourselves, so a 304 reaches us and skips parsing.
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError({
      kind: 'network',
      status: 0,
      message: 'Can’t reach the server. Check your connection; we will retry.',
    });
  }

  if (response.status === 304) {
    counted(path, response);
    return { notModified: true };
  }

  const text = await response.text().catch(() => '');
  // Counted once the body is in: the usage chip changes in the task that brings the answer,
  // so a poll paints once, not once for its headers and again for its data.
  counted(path, response);
  const parsedBody = parseJson(text);

  if (!response.ok) {
    const error = errorFromResponse(response, parsedBody, text);
    if (quotaExhausted(error)) for (const listener of callListeners) listener(path, true);
    throw error;
  }

  if (parsedBody === NOT_JSON) {
    throw new ApiError({
      kind: 'invalid_payload',
      status: response.status,
      message: 'The server answered with something that is not JSON.',
      body: text,
    });
  }
  const result = schema.safeParse(parsedBody);
  if (!result.success) {
    const issue = result.error.issues[0];
    const fieldPath = issue ? formatPath(issue.path) : '';
    throw new ApiError({
      kind: 'invalid_payload',
      status: response.status,
      message: `The server’s answer is not what the API documents: ${fieldPath || 'the response'}: ${issue?.message ?? 'invalid'}.`,
      body: parsedBody,
      fieldPath,
    });
  }
  return { notModified: false, data: result.data, etag: response.headers.get('ETag') };
}

/** `apiRequest` for calls that are never conditional. */
export async function apiCall<S extends z.ZodType>(
  path: string,
  schema: S,
  options: Omit<RequestOptions, 'etag'> = {},
): Promise<z.infer<S>> {
  const result = await apiRequest(path, schema, options);
  if (result.notModified) {
    throw new ApiError({ kind: 'server', status: 304, message: 'Unexpected 304 Not Modified.' });
  }
  return result.data;
}

const NOT_JSON = Symbol('not-json');

function parseJson(text: string): unknown {
  if (text.trim() === '') return NOT_JSON;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function buildUrl(path: string, query?: Record<string, string | number>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

function errorFromResponse(response: Response, body: unknown, text: string): ApiError {
  const fields = body === NOT_JSON ? null : looseErrorBody.safeParse(body);
  const f = fields?.success ? fields.data : {};
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const code = str(f.error) ?? str(f.code);
  const message =
    str(f.message) ??
    str(f.error) ??
    str(f.detail) ??
    (response.statusText || `The server answered HTTP ${response.status}.`);
  return new ApiError({
    kind: kindFor(response.status, code),
    status: response.status,
    code,
    message,
    retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
    body: body === NOT_JSON ? text : body,
  });
}

function kindFor(status: number, code: string | null): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return code === 'listing_limit_reached' ? 'quota' : 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 429) return 'quota';
  // Our proxy answers 502/504 when the upstream cannot be reached: for the user that is "network".
  if (status === 502 || status === 504) return 'network';
  if (status >= 500) return 'server';
  return 'invalid_request';
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

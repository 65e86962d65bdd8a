/**
 * The one wire contract of the Quiet Score API (described in docs/api.md), imported by
 * the browser (which parses every response with it) and by the server (whose emulator
 * validates its input and shapes its output with it).
 *
 * Response schemas are tolerant exactly as our contract says: older field names and the
 * `PENDING` status are read, unknown session statuses and noise-source categories are kept,
 * and unknown extra fields pass through untouched. Request schemas are strict: they are what
 * the emulator accepts.
 */
import { z } from 'zod';
import { isApiTimestamp } from './timestamps';

// ---------------------------------------------------------------------------- primitives

export const apiTimestamp = z
  .string()
  .refine(isApiTimestamp, { message: 'Expected an ISO 8601 timestamp' });

// Shared, not built per field: schemas are immutable, and each one built costs the browser
// time while the app starts.
const int = z.int();
const count = z.int().min(0);
/** `-1` stands for "unlimited" in every numeric limit field. */
const limit = z.int().min(-1);
const score = z.int().min(0).max(100);

export const latitude = z.number().min(-90).max(90);
export const longitude = z.number().min(-180).max(180);
export const coordinate = z.object({ lat: latitude, lng: longitude });
export type Coordinate = z.infer<typeof coordinate>;

export const MAX_SESSION_LOCATIONS = 500;
/**
 * POST /v2/listing/quietness: the vendor's docs give no batch size. Our contract (and the
 * emulator) take up to 500 listings and answer 413 `too_many_locations` beyond; clients should
 * send fewer (the dashboard sends 100) and halve on a 413 from a stricter server.
 */
export const MAX_BATCH_LOCATIONS = 500;
export const MAX_BATCH_DELETE_IDS = 100;

export const SESSION_STATUSES = ['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED'] as const;
export type KnownSessionStatus = (typeof SESSION_STATUSES)[number];

export const QUIETNESS_LEVELS = ['Very Quiet', 'Quiet', 'Moderate', 'Noisy', 'Very Noisy'] as const;
export type QuietnessLevel = (typeof QUIETNESS_LEVELS)[number];

export const CONFIDENCE_VALUES = ['low', 'medium', 'high'] as const;

/** The two documented per-location failure messages. */
export const LOCATION_ERRORS = {
  unscorable: 'Failed to calculate quietness score',
  listingLimit: 'Listing limit reached',
} as const;

// ---------------------------------------------------------------------------- errors

/** Our contract's error body. */
export const ERROR_CODES = [
  'invalid_request',
  'unauthorized',
  'not_found',
  'deletion_limit_reached',
  'too_many_locations',
  'quota_exceeded',
  'unscorable',
  'listing_limit_reached',
  'rate_limited',
  'upstream_timeout',
  'upstream_unreachable',
  'upstream_bad_response',
  'upstream_response_too_large',
  'emulator_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorBody = z.object({
  success: z.literal(false),
  error: z.string(),
  message: z.string(),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** Whatever an error response looks like, the fields a client may read from it. */
export const looseErrorBody = z
  .object({
    error: z.unknown().optional(),
    message: z.unknown().optional(),
    detail: z.unknown().optional(),
    code: z.unknown().optional(),
  })
  .loose();

// ---------------------------------------------------------------------------- listing

export const noiseSource = z
  .object({
    name: z.string(),
    nearest_source: z.string(),
    /** Miles, 2 decimals (our contract). */
    distance: z.number().min(0),
    /** Open list: unknown categories are kept and shown by `name`. */
    category: z.string(),
    estimated_effective_db: z.number(),
  })
  .loose();
export type NoiseSource = z.infer<typeof noiseSource>;

export const quietDayNight = z
  .object({
    day_window_local: z.string(),
    night_window_local: z.string(),
    quiet_score_day: score,
    quiet_score_night: score,
    estimated_noise_db_day: z.number(),
    estimated_noise_db_night: z.number(),
    noise_db_unit: z.string(),
  })
  .loose();

/** The documented listing fields; `listing` below also keeps unknown extra fields. */
export const listingFields = z.object({
  listing_id: z.string().min(1),
  lat: latitude,
  lng: longitude,
  quiet_score: score,
  quiet_score_range: z.object({ min: int, max: int }),
  quietness_level: z.string(),
  quietness_description: z.string(),
  quiet_day_night: quietDayNight,
  noise_sources: z.array(noiseSource),
  quiet_score_confidence: z.string(),
  quiet_score_confidence_values: z.array(z.string()),
  created_at: apiTimestamp.optional(),
  updated_at: apiTimestamp.optional(),
});
export const listing = listingFields.loose();
export type Listing = z.infer<typeof listing>;

// ---------------------------------------------------------------------------- 1. GET /v2/listing/quietness

/** A decimal number as text: no empty strings, `NaN`, `Infinity` or hex. */
export const DECIMAL_NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A decimal number in a query string. */
const numericParam = z
  .string()
  .trim()
  .regex(DECIMAL_NUMBER_RE, 'expected a decimal number')
  .transform(Number);

export const quietnessQuery = z.object({
  lat: numericParam.pipe(latitude),
  lng: numericParam.pipe(longitude),
});

export const quietnessResponse = z
  .object({
    status: z.string(),
    request: z.object({ lat: z.number(), lng: z.number() }).loose(),
    response: listing,
  })
  .loose();
export type QuietnessResponse = z.infer<typeof quietnessResponse>;

// ---------------------------------------------------------------------------- 2. POST /v2/listing/quietness

export const batchQuietnessRequest = z.strictObject({
  listings: z.array(coordinate).min(1),
});

export const batchOkItem = z
  .object({
    id: z.string(),
    status: z.literal('OK'),
    request: z.object({ lat: z.number(), lng: z.number() }).loose(),
    response: listing,
  })
  .loose();
export const batchErrorItem = z
  .object({
    id: z.string(),
    status: z.string().refine((s) => s !== 'OK'),
    message: z.string().optional(),
    error: z.string().optional(),
    request: z.object({ lat: z.number(), lng: z.number() }).loose().optional(),
  })
  .loose();

export const batchQuietnessResponse = z
  .object({
    status: z.string(),
    summary: z.object({ total: count, successful: count, failed: count }).loose(),
    results: z.array(z.union([batchOkItem, batchErrorItem])),
  })
  .loose();
export type BatchQuietnessResponse = z.infer<typeof batchQuietnessResponse>;
/**
 * The batch answer with its items unchecked: a client checks each item on its own, so one
 * listing that breaks the contract costs only that listing its analysis.
 */
export const batchQuietnessEnvelope = z
  .object({ status: z.string(), results: z.array(z.unknown()) })
  .loose();

// ---------------------------------------------------------------------------- 3. POST /v2/session/new

export const createSessionRequest = z.strictObject({
  locations: z.array(coordinate.strict()),
});
export type CreateSessionRequest = z.infer<typeof createSessionRequest>;

/** Current docs (`total_locations`) or older docs (`total_geolocations` + import counts). */
export const createSessionResponse = z
  .union([
    z
      .object({ session_id: z.string(), total_locations: count, submitted_at: apiTimestamp })
      .loose(),
    z
      .object({
        session_id: z.string(),
        total_geolocations: count,
        geolocations_imported: count.optional(),
        geolocations_failed: count.optional(),
        submitted_at: apiTimestamp,
      })
      .loose(),
  ])
  .transform((r) => ({
    sessionId: r.session_id,
    total: typeof r.total_locations === 'number' ? r.total_locations : Number(r.total_geolocations),
    submittedAt: r.submitted_at,
  }));
export type CreatedSession = z.infer<typeof createSessionResponse>;

/** What the emulator sends (current docs). */
export const createSessionWire = z.object({
  session_id: z.string(),
  total_locations: count,
  submitted_at: apiTimestamp,
});

// ---------------------------------------------------------------------------- 4. GET /v2/session/status

export const sessionStatusQuery = z.object({ session_id: z.string().trim().min(1) });

export const successResult = z
  .object({
    lat: z.number(),
    lng: z.number(),
    status: z.literal('success'),
    quiet_score: score,
    listing_id: z.string().min(1),
    analyzed_at: apiTimestamp,
  })
  .loose();
export const failedResult = z
  .object({
    lat: z.number(),
    lng: z.number(),
    status: z.literal('failed'),
    error: z.string(),
    analyzed_at: apiTimestamp,
  })
  .loose();
export const sessionResult = z.discriminatedUnion('status', [successResult, failedResult]);
export type SessionResult = z.infer<typeof sessionResult>;
export type SuccessResult = z.infer<typeof successResult>;
export type FailedResult = z.infer<typeof failedResult>;

export const sessionProgress = z
  .object({ total: count, processed: count, successful: count, failed: count })
  .loose();

export const sessionStatusResponse = z
  .object({
    /** Kept verbatim: `PENDING` (older docs) and statuses we do not know are shown, not rejected. */
    status: z.string().min(1),
    progress: sessionProgress,
    /** Absent in the older docs. */
    results: z.array(sessionResult).optional(),
    submitted_at: apiTimestamp,
    started_at: apiTimestamp.nullable().optional(),
    completed_at: apiTimestamp.nullable().optional(),
  })
  .loose();
export type SessionStatus = z.infer<typeof sessionStatusResponse>;

/** What the emulator sends: the current docs exactly. */
export const sessionStatusWire = z.object({
  status: z.enum(SESSION_STATUSES),
  progress: z.object({ total: count, processed: count, successful: count, failed: count }),
  results: z.array(sessionResult),
  submitted_at: apiTimestamp,
  started_at: apiTimestamp.nullable(),
  completed_at: apiTimestamp.nullable(),
});

export type SessionPhase = 'queued' | 'processing' | 'completed' | 'failed' | 'unknown';

export function sessionPhase(status: string): SessionPhase {
  switch (status.toUpperCase()) {
    case 'QUEUED':
    case 'PENDING':
      return 'queued';
    case 'PROCESSING':
      return 'processing';
    case 'COMPLETED':
      return 'completed';
    case 'FAILED':
      return 'failed';
    default:
      return 'unknown';
  }
}

/** Finished per the docs: `COMPLETED` (or `FAILED`), or every location processed. */
export function isSessionFinished(s: Pick<SessionStatus, 'status' | 'progress'>): boolean {
  const phase = sessionPhase(s.status);
  return (
    phase === 'completed' ||
    phase === 'failed' ||
    (s.progress.total > 0 && s.progress.processed >= s.progress.total)
  );
}

// ---------------------------------------------------------------------------- 5–7. deletes

const deletionCounters = {
  new_listing_count: count,
  deletions_used: count,
  deletions_max: limit,
};

export const deleteListingResponse = z
  .object({ success: z.boolean(), message: z.string(), ...deletionCounters })
  .loose();
export type DeleteListingResponse = z.infer<typeof deleteListingResponse>;

export const deleteListingParams = z.object({ listing_id: z.string().min(1) });

export const deleteBatchRequest = z.strictObject({
  listing_ids: z.array(z.string().min(1)).min(1),
});

export const deleteBatchResponse = z
  .object({
    success: z.boolean(),
    message: z.string(),
    deleted_count: count,
    ...deletionCounters,
  })
  .loose();

// ---------------------------------------------------------------------------- 8. GET /v2/listings/stats

export const listingStatsResponse = z
  .object({
    success: z.boolean(),
    total_listings: count,
    max_listings: limit,
    listings_today: count,
    listings_this_month: count,
    is_at_limit: z.boolean(),
    remaining: limit,
    deletions_count: count,
    deletions_max: limit,
    deletions_remaining: limit,
    is_at_churn_limit: z.boolean(),
  })
  .loose();
export type ListingStats = z.infer<typeof listingStatsResponse>;

// ---------------------------------------------------------------------------- 9. GET /v2/account/usage

export const PLANS = ['trial', 'insight', 'intelligence', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

/** The documented keys have spaces and capitals; they are literal JSON keys. */
export const accountUsageResponse = z
  .object({
    status: z.string(),
    request: z.object({ api_key: z.string() }).loose(),
    response: z
      .object({
        'API Key Current Usage': count,
        'API Key Max Plan Usage': limit,
        'Subscription Plan': z.string(),
        'Active Listings Count': count,
        'Active Listings Max': limit,
      })
      .loose(),
  })
  .loose();
export type AccountUsage = z.infer<typeof accountUsageResponse>;

// ---------------------------------------------------------------------------- our server

/** The meta tag in which the server's index.html carries the app config (the JSON below). */
export const APP_CONFIG_META = 'quiet-score-config';

export const appConfig = z.object({
  mode: z.enum(['emulator', 'proxy']),
  /** Host of the real API in proxy mode; never a key. */
  upstreamHost: z.string().nullable(),
  /** Raster tile template, or null for the offline basemap only. */
  tileUrl: z.string().nullable(),
  tileAttribution: z.string().nullable(),
  /** Emulator mode only: the demo key the UI may use until the user enters one. */
  demoKey: z.string().nullable(),
  /** Emulator mode only: the seeded demo session (owned by the demo key). */
  demoSessionId: z.string().nullable().optional(),
  /**
   * Proxy mode: status polls are shared by every viewer with the same key, and the upstream is
   * asked at most once per `minIntervalMs` per session (null: every poll is a call).
   */
  sharedPolling: z.object({ minIntervalMs: count }).nullable().optional(),
});
export type AppConfig = z.infer<typeof appConfig>;

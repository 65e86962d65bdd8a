import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const DEFAULT_TILE_ATTRIBUTION = '© OpenStreetMap contributors';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  QUIET_API_UPSTREAM: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.calmyx.com' })
    .optional(),
  QUIET_API_KEY: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  EMULATOR_PACE_MS: z.coerce.number().int().min(0).max(60_000).default(300),
  TILE_URL: z
    .string()
    .refine((v) => v === 'none' || /^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(v), {
      message: 'must be "none" or an http(s) tile template with {z}, {x} and {y}',
    })
    .default(DEFAULT_TILE_URL),
  TILE_ATTRIBUTION: z.string().optional(),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  PROXY_MAX_RESPONSE_MB: z.coerce.number().int().min(1).max(4096).default(32),
  PROXY_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(64),
  UPSTREAM_MIN_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  TRUST_PROXY: z
    .string()
    .refine((v) => parseTrustProxy(v) !== null, {
      message:
        'must be "true", "false", a number of proxy hops, or a comma-separated list of proxy addresses or CIDR ranges',
    })
    .default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STATIC_DIR: z.string().min(1).default('./dist'),
});

export interface ServerConfig {
  port: number;
  host: string;
  mode: 'emulator' | 'proxy';
  upstream: URL | null;
  upstreamApiKey: string | null;
  dataDir: string;
  emulatorPaceMs: number;
  tileUrl: string | null;
  tileAttribution: string | null;
  upstreamTimeoutMs: number;
  rateLimitPerMinute: number;
  /** The most the proxy relays of one upstream answer. */
  proxyMaxResponseMb: number;
  /** Bytes of shared answers the proxy keeps (LRU). */
  proxyCacheMb: number;
  /** A shared status answer is reused at least this long before the upstream is asked again. */
  upstreamMinIntervalMs: number;
  /** Fastify's `trustProxy`: whom to believe about the client's address and protocol. */
  trustProxy: boolean | number | string[];
  logLevel: string;
  staticDir: string;
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; errors: string[] };

/** Reads and validates the environment; every problem is named with its variable. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  }
  const e = parsed.data;
  const tileUrl = e.TILE_URL === 'none' ? null : e.TILE_URL;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      mode: e.QUIET_API_UPSTREAM ? 'proxy' : 'emulator',
      upstream: e.QUIET_API_UPSTREAM ? new URL(e.QUIET_API_UPSTREAM) : null,
      upstreamApiKey: e.QUIET_API_KEY ?? null,
      dataDir: path.resolve(e.DATA_DIR),
      emulatorPaceMs: e.EMULATOR_PACE_MS,
      tileUrl,
      tileAttribution: tileUrl
        ? (e.TILE_ATTRIBUTION ?? (tileUrl === DEFAULT_TILE_URL ? DEFAULT_TILE_ATTRIBUTION : null))
        : null,
      upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      proxyMaxResponseMb: e.PROXY_MAX_RESPONSE_MB,
      proxyCacheMb: e.PROXY_CACHE_MB,
      upstreamMinIntervalMs: e.UPSTREAM_MIN_INTERVAL_MS,
      trustProxy: parseTrustProxy(e.TRUST_PROXY) ?? false,
      logLevel: e.LOG_LEVEL,
      staticDir: path.resolve(e.STATIC_DIR),
    },
  };
}

/**
 * `TRUST_PROXY`: off by default, so that a client cannot choose its own address for the rate
 * limiter by sending `X-Forwarded-For`. Behind a load balancer, name it (its addresses or
 * CIDR ranges) or count the hops in front of the server.
 */
export function parseTrustProxy(value: string): boolean | number | string[] | null {
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const address = (s: string) => {
    const [ip = '', bits, ...rest] = s.split('/');
    if (rest.length || net.isIP(ip) === 0) return false;
    if (bits === undefined) return true;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= (net.isIP(ip) === 4 ? 32 : 128);
  };
  return list.length > 0 && list.every(address) ? list : null;
}

/** A config for tests and tools: defaults, with overrides. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const result = loadConfig({ TILE_URL: 'none', LOG_LEVEL: 'silent' });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return { ...result.config, ...overrides };
}

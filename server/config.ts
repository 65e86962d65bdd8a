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
      logLevel: e.LOG_LEVEL,
      staticDir: path.resolve(e.STATIC_DIR),
    },
  };
}

/** A config for tests and tools: defaults, with overrides. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const result = loadConfig({ TILE_URL: 'none', LOG_LEVEL: 'silent' });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return { ...result.config, ...overrides };
}

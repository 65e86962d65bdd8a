import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from '../app';
import { testConfig, type ServerConfig } from '../config';
import { testModel } from '../scoring/test-model';
import { makeStaticDir } from '../test-helpers';
import { createEmulator, type Emulator } from './emulator';

export interface TestEmulator {
  app: FastifyInstance;
  emulator: Emulator;
  clock: { now: number };
  /** Inject with a key (`null` for none). */
  call(key: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Runs the worker until no session has work left. */
  drain(): void;
  count(table: 'sessions' | 'listings' | 'session_locations'): number;
}

/** The real app with the emulator on an in-memory database, a movable clock and a manual worker. */
export async function startTestEmulator(
  overrides: Partial<ServerConfig> = {},
): Promise<TestEmulator> {
  const clock = { now: Date.UTC(2026, 10, 28, 12, 0, 0) };
  const emulator = createEmulator({
    dataDir: ':memory:',
    paceMs: 0,
    now: () => clock.now,
    model: testModel(),
    seed: true,
    startWorker: false,
  });
  const app = await createApp(
    testConfig({ staticDir: makeStaticDir(), rateLimitPerMinute: 1_000_000, ...overrides }),
    {
      emulator: (scope) => emulator.register(scope),
      demoKey: 'demo-insight',
    },
  );
  return {
    app,
    emulator,
    clock,
    call(key, options) {
      const headers = {
        ...(options.headers ?? {}),
        ...(key === null ? {} : { authorization: key }),
      };
      return app.inject({ ...options, headers });
    },
    drain() {
      for (let i = 0; i < 10_000 && emulator.worker.tick(); i++) clock.now += 10;
    },
    count(table) {
      return (emulator.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    },
  };
}

/** Land points spread over Europe, distinct at 6 decimals. */
export function landPoints(n: number, offset = 0): { lat: number; lng: number }[] {
  return Array.from({ length: n }, (_, i) => ({
    lat: 45 + ((i + offset) % 50) * 0.02,
    lng: 2 + Math.floor((i + offset) / 50) * 0.02,
  }));
}

import type { FastifyInstance } from 'fastify';
import { loadScoringModel } from '../scoring/load';
import type { ScoringModel } from '../scoring/model';
import { openDatabase, type Db } from './db';
import { registerEmulatorRoutes } from './routes';
import { DEMO_SESSION_META, seedDemo } from './seed';
import { createServices } from './services';
import { createSessionStatusReader } from './session-status';
import { createStore } from './store';
import { createWorker } from './worker';

export interface EmulatorOptions {
  /** Folder for the SQLite database and the model's geodata cache; ':memory:' for a throwaway DB. */
  dataDir: string;
  paceMs: number;
  now?: () => number;
  /** A preloaded model (tests share one); loaded from dataDir otherwise. */
  model?: ScoringModel;
  /** Seed demo accounts and the demo session on an empty database. */
  seed?: boolean;
  /** Start the background worker (tests may drive `worker.tick()` themselves). */
  startWorker?: boolean;
  geodataDir?: string;
  onWorkerError?: (error: unknown, sessionId: string) => void;
}

export type Emulator = ReturnType<typeof createEmulator>;

export function createEmulator(options: EmulatorOptions) {
  const now = options.now ?? Date.now;
  const db: Db = openDatabase(options.dataDir);
  const store = createStore(db);
  const model = options.model ?? loadScoringModel(options.geodataDir ?? options.dataDir);
  const services = createServices({ store, model, now });
  const readStatus = createSessionStatusReader(store);
  const worker = createWorker({
    store,
    services,
    now,
    paceMs: options.paceMs,
    onError: options.onWorkerError,
  });
  const { seeded } = options.seed === false ? { seeded: false } : seedDemo(store, services, now());
  if (options.startWorker !== false) worker.start();

  function close() {
    worker.stop();
    if (db.open) db.close();
  }

  return {
    db,
    store,
    services,
    worker,
    seeded,
    demoSessionId: store.getMeta(DEMO_SESSION_META),
    async register(app: FastifyInstance) {
      await registerEmulatorRoutes(app, { services, readStatus, onSessionCreated: worker.notify });
      app.addHook('onClose', async () => close());
    },
    close,
  };
}

import { locationError, type Services } from './services';
import type { AccountRow, Store } from './store';

export interface WorkerOptions {
  store: Store;
  services: Services;
  now: () => number;
  /** Time each session spends per location; 0 = as fast as possible. */
  paceMs: number;
  onError?: (error: unknown, sessionId: string) => void;
}

const MAX_ACTIVE = 64;
const FAST_BATCH = 100;
const IDLE_MS = 250;

/**
 * The background worker. Every `paceMs` each unfinished session advances by one location
 * (least recently advanced first, so every account's sessions move at once). Each location's
 * outcome, its listing and the session's counters commit in one transaction: a killed
 * process resumes where it stopped, with nothing lost and nothing counted twice.
 */
export function createWorker({ store, services, now, paceMs, onError }: WorkerOptions) {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let idle = false;
  let step = now() * 1000;

  /** Processes one round; returns true if any location was handled. */
  function tick(): boolean {
    const batch = paceMs > 0 ? 1 : FAST_BATCH;
    let worked = false;
    for (const session of store.activeSessions(MAX_ACTIVE)) {
      try {
        const account = store.accountById(session.account_id) as AccountRow;
        store.transaction(() => {
          const pending = store.pendingLocations(session.id, batch);
          if (pending.length === 0) {
            // Counters say unfinished but nothing is left: cannot proceed.
            store.failSession(session.id, now());
            return;
          }
          for (const loc of pending) {
            const outcome = services.upsertListing(account, loc.lat, loc.lng);
            store.recordLocation(
              loc,
              outcome.kind === 'ok'
                ? {
                    status: 'success',
                    quietScore: outcome.analysis.quiet_score,
                    listingId: outcome.row.id,
                    error: null,
                  }
                : {
                    status: 'failed',
                    quietScore: null,
                    listingId: null,
                    error: locationError(outcome),
                  },
              now(),
              ++step,
            );
          }
        });
        worked = true;
      } catch (error) {
        // An error this worker cannot recover from fails the session as a whole; the results
        // gathered so far stay readable (our contract).
        onError?.(error, session.id);
        try {
          store.failSession(session.id, now());
        } catch {
          /* the database itself is gone; the session resumes on the next start */
        }
      }
    }
    return worked;
  }

  function schedule(delay: number) {
    if (!running) return;
    timer = setTimeout(loop, delay);
  }

  function loop() {
    timer = null;
    const worked = tick();
    idle = !worked;
    schedule(worked ? paceMs : IDLE_MS);
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    /** New work arrived: start it now instead of at the next idle check. */
    notify() {
      if (!running || timer === null || !idle) return;
      clearTimeout(timer);
      schedule(0);
    },
    tick,
  };
}

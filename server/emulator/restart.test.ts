import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSessionWire,
  listingStatsResponse,
  sessionStatusWire,
} from '../../src/contract/schemas';
import { makeTempDir } from '../test-helpers';
import { landPoints } from './test-app';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = makeTempDir('qs-restart-');
const KEY = 'demo-enterprise';
let child: ChildProcess | null = null;

function startServer(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR,
      EMULATOR_PACE_MS: '15',
      TILE_URL: 'none',
      LOG_LEVEL: 'error',
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Quiet Score Dashboard on')) {
        clearTimeout(timer);
        resolve(proc);
      }
    });
    proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

async function api(pathAndQuery: string, init: RequestInit = {}) {
  const res = await fetch(`${BASE}${pathAndQuery}`, {
    ...init,
    headers: { authorization: KEY, 'content-type': 'application/json', ...init.headers },
  });
  return res.json() as Promise<unknown>;
}

async function waitFor<T>(
  fn: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out; last: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  child?.kill('SIGKILL');
});

describe('emulator persistence', () => {
  it('resumes a session after SIGKILL with exactly one result per location and exact counters', async () => {
    child = await startServer();
    const locations = landPoints(200);
    const created = createSessionWire.parse(
      await api('/v2/session/new', { method: 'POST', body: JSON.stringify({ locations }) }),
    );
    const status = async () =>
      sessionStatusWire.parse(await api(`/v2/session/status?session_id=${created.session_id}`));

    const before = await waitFor(status, (s) => s.progress.processed >= 30, 30_000);
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    expect(before.progress.processed).toBeLessThan(200);

    child = await startServer();
    const done = await waitFor(status, (s) => s.status === 'COMPLETED', 60_000);
    expect(done.progress).toEqual({ total: 200, processed: 200, successful: 200, failed: 0 });
    expect(done.results).toHaveLength(200);
    const keys = done.results.map((r) => `${r.lat},${r.lng}`);
    expect(new Set(keys).size).toBe(200);
    expect(new Set(keys)).toEqual(new Set(locations.map((l) => `${l.lat},${l.lng}`)));
    const listingIds = done.results.map((r) => (r.status === 'success' ? r.listing_id : ''));
    expect(new Set(listingIds).size).toBe(200);
    const stats = listingStatsResponse.parse(await api('/v2/listings/stats'));
    expect(stats.total_listings).toBe(200);
  }, 150_000);
});

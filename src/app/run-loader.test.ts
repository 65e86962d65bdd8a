import { QueryClient } from '@tanstack/react-query';
import { IDBOpenDBRequest } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionKeys } from '@/api/queries';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import { sessionStatusResponse } from '@/contract/schemas';
import { setApiKey } from '@/lib/api-key';
import { readClusterIndex, saveClusterIndex, saveLastStatus } from '@/lib/browser-db';
import { runMapName } from '@/lib/runs';
import { routesFor } from './router';

interface RouteLike {
  path?: string;
  loader?: (args: { request: Request }) => unknown;
  shouldRevalidate?: (args: { currentUrl: URL; nextUrl: URL }) => boolean;
  children?: RouteLike[];
}
function find(routes: RouteLike[], path: string): RouteLike | undefined {
  for (const route of routes) {
    const found = route.path === path ? route : find(route.children ?? [], path);
    if (found) return found;
  }
}
const runRoute = (client: QueryClient) => find(routesFor(client) as RouteLike[], 'runs/view');

const status = sessionStatusResponse.parse(DOCUMENTED.sessionStatusCurrent);
const LINK = 'http://localhost/runs/view?sessions=sess_a,sess_b&name=Q3';

afterEach(() => vi.restoreAllMocks());

describe("a run link's route", () => {
  it('reads what this browser kept before the page renders: its first render has them', async () => {
    setApiKey('key-a', true);
    await saveLastStatus('sess_a', status, 1);
    const client = new QueryClient();
    await runRoute(client)?.loader?.({ request: new Request(LINK) });
    expect(client.getQueryData(sessionKeys.status('sess_a'))).toEqual(status);
    expect(client.getQueryState(sessionKeys.status('sess_a'))?.dataUpdatedAt).toBe(1);
    expect(client.getQueryData(sessionKeys.status('sess_b'))).toBeUndefined();
  });

  it("reads the map's kept clusters of a run with results while the page renders", async () => {
    setApiKey('key-a', true);
    await saveLastStatus('sess_a', status, 1);
    const name = runMapName(['sess_a', 'sess_b']);
    await saveClusterIndex(name, { built: 'before' });
    await runRoute(new QueryClient())?.loader?.({ request: new Request(LINK) });
    await saveClusterIndex(name, { built: 'since' });
    // The map's first read is the one the loader started.
    expect(await readClusterIndex(name)).toEqual({ built: 'before' });
  });

  it('reads nothing again on a visit back', async () => {
    setApiKey('key-a', true);
    const client = new QueryClient();
    await runRoute(client)?.loader?.({ request: new Request(LINK) });
    // Kept since (another tab finished it): this page's queries decide, not a second read.
    await saveLastStatus('sess_a', status, 2);
    await runRoute(client)?.loader?.({ request: new Request(LINK) });
    expect(client.getQueryData(sessionKeys.status('sess_a'))).toBeUndefined();
  });

  it('does not wait for a store that does not answer (held by another tab, say)', async () => {
    setApiKey('key-a', true);
    vi.spyOn(indexedDB, 'open').mockImplementation(() => new IDBOpenDBRequest());
    const client = new QueryClient();
    // Returns (the page renders), with nothing kept in it yet.
    await runRoute(client)?.loader?.({ request: new Request(LINK) });
    expect(client.getQueryData(sessionKeys.status('sess_a'))).toBeUndefined();
  });

  it('reads once per list of sessions: other parameters of the link load nothing', () => {
    const route = runRoute(new QueryClient());
    const again = (next: string) =>
      route?.shouldRevalidate?.({ currentUrl: new URL(LINK), nextUrl: new URL(next) });
    expect(again(`${LINK}&listing=3&color=night`)).toBe(false);
    expect(again('http://localhost/runs/view?sessions=sess_a,sess_b,sess_c&name=Q3')).toBe(true);
  });
});

import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { routesFor } from './router';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import { sessionStatusResponse } from '@/contract/schemas';
import { setApiKey } from '@/lib/api-key';
import { saveLastStatus } from '@/lib/browser-db';
import { keptStatusesKey, readKeptStatuses } from '@/features/run-explorer/lib/kept-statuses';

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

const status = sessionStatusResponse.parse(DOCUMENTED.sessionStatusCurrent);
const LINK = 'http://localhost/runs/view?sessions=sess_a,sess_b&name=Q3';

describe("a run link's kept statuses", () => {
  it('are read from the moment the route loads, and the page takes that read', async () => {
    setApiKey('key-a', true);
    const client = new QueryClient();
    const route = find(routesFor(client) as RouteLike[], 'runs/view');
    await saveLastStatus('sess_a', status, 1);
    route?.loader?.({ request: new Request(LINK) });
    // Kept again after the route loaded: the page's read is the one begun then.
    await saveLastStatus('sess_a', status, 2);
    const [a, b] = await readKeptStatuses(['sess_a', 'sess_b']);
    expect(a?.savedAt).toBe(1);
    expect(b).toBeUndefined();
    // Taken once: the next read is a new one.
    expect((await readKeptStatuses(['sess_a', 'sess_b']))[0]?.savedAt).toBe(2);
  });

  it('are not read again on a visit back, nor for other sessions than the link lists', async () => {
    setApiKey('key-a', true);
    const client = new QueryClient();
    const route = find(routesFor(client) as RouteLike[], 'runs/view');
    await saveLastStatus('sess_a', status, 1);
    client.setQueryData(keptStatusesKey('key-a', ['sess_a', 'sess_b']), true);
    route?.loader?.({ request: new Request(LINK) });
    await saveLastStatus('sess_a', status, 2);
    expect((await readKeptStatuses(['sess_a', 'sess_b']))[0]?.savedAt).toBe(2);

    client.clear();
    route?.loader?.({ request: new Request(LINK) });
    await saveLastStatus('sess_a', status, 3);
    expect((await readKeptStatuses(['sess_a']))[0]?.savedAt).toBe(3);
  });

  it('are read once per list of sessions: other parameters of the link load nothing', () => {
    const route = find(routesFor(new QueryClient()) as RouteLike[], 'runs/view');
    const again = (next: string) =>
      route?.shouldRevalidate?.({ currentUrl: new URL(LINK), nextUrl: new URL(next) });
    expect(again(`${LINK}&listing=3&color=night`)).toBe(false);
    expect(again('http://localhost/runs/view?sessions=sess_a,sess_b,sess_c&name=Q3')).toBe(true);
  });
});

import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionResult } from '@/contract/schemas';
import { colorScale } from '@/lib/color-modes';
import { toRows, type ResultRow } from '@/lib/results';
import { buildClusterIndex, packClusterIndex, type ClusterPoints } from './cluster-index';
import { useClusterIndex } from './use-cluster-index';

/** The page's cluster worker, answered by the test with the index the worker would build. */
class FakeWorker {
  static asked: { id: number; points: ClusterPoints }[] = [];
  private listener: ((e: MessageEvent) => void) | null = null;
  static current: FakeWorker | null = null;
  constructor() {
    FakeWorker.current = this;
  }
  addEventListener(type: string, listener: (e: MessageEvent) => void) {
    if (type === 'message') this.listener = listener;
  }
  postMessage(message: { id: number; points: ClusterPoints }) {
    FakeWorker.asked.push(message);
  }
  terminate() {}
  /** Answers the oldest request as the worker does. */
  answer() {
    const request = FakeWorker.asked.shift();
    if (!request) throw new Error('nothing asked');
    const { packed } = packClusterIndex(buildClusterIndex(request.points), request.points);
    this.listener?.({ data: { id: request.id, packed } } as MessageEvent);
  }
}

const result = (i: number): SessionResult => ({
  lat: 40 + (i % 50) * 0.01,
  lng: -3 + Math.floor(i / 50) * 0.01,
  status: 'success',
  quiet_score: 30 + (i % 60),
  listing_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  analyzed_at: '2026-01-15T10:30:10.000000',
});
const rowsOf = (n: number) => toRows(Array.from({ length: n }, (_, i) => result(i)));
const scale = colorScale('overall', []);
const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

/** Answers the worker's oldest request once it is asked (a first index is looked for first). */
async function answer() {
  await vi.waitFor(() => expect(FakeWorker.asked.length).toBeGreaterThan(0));
  FakeWorker.current?.answer();
}

beforeAll(() => vi.stubGlobal('Worker', FakeWorker));
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  FakeWorker.asked = [];
});

describe('useClusterIndex', () => {
  it('builds the first index in the worker: nothing is clustered on the page meanwhile', async () => {
    const rows = rowsOf(3000);
    const { result: hook } = renderHook(() => useClusterIndex(true, rows, rows, scale));
    // Asked of the worker, not built on the page: no index yet, and the map knows it waits.
    expect(hook.current).toMatchObject({ index: null, pending: true });
    await vi.waitFor(() => expect(FakeWorker.asked).toHaveLength(1));
    expect(FakeWorker.asked[0]?.points.lng).toHaveLength(3000);

    await act(answer);
    expect(hook.current.pending).toBe(false);
    const items = hook.current.index?.itemsIn(WORLD, 3) ?? [];
    // Every result is in it, grouped: the clusters' counts and the single pins add up.
    const held = items.reduce((n, i) => n + (i.kind === 'cluster' ? i.count : 1), 0);
    expect(held).toBe(3000);
    expect(items.some((i) => i.kind === 'cluster')).toBe(true);
  });

  it('keeps the index when results are appended: they arrive as their own pins', async () => {
    const rows = rowsOf(3000);
    const { result: hook, rerender } = renderHook(
      ({ list }: { list: readonly ResultRow[] }) => useClusterIndex(true, list, list, scale),
      { initialProps: { list: rows.slice(0, 2500) } },
    );
    await act(answer);
    const first = hook.current.index;
    rerender({ list: rows });
    expect(hook.current.index).toBe(first);
    expect(hook.current.arrived).toHaveLength(500);
    expect(hook.current.pending).toBe(false);
  });

  it('waits for the worker again when the data is replaced, never showing the old pins', async () => {
    const { result: hook, rerender } = renderHook(
      ({ list }: { list: readonly ResultRow[] }) => useClusterIndex(true, list, list, scale),
      { initialProps: { list: rowsOf(3000) } },
    );
    await act(answer);
    rerender({ list: rowsOf(2600) });
    expect(hook.current).toMatchObject({ index: null, pending: true });
    await act(answer);
    const items = hook.current.index?.itemsIn(WORLD, 3) ?? [];
    expect(items.reduce((n, i) => n + (i.kind === 'cluster' ? i.count : 1), 0)).toBe(2600);
  });

  /** A page showing `rows` as final under `name`: whether its first index was read back. */
  const reopen = async (rows: readonly ResultRow[], name: string) => {
    FakeWorker.asked = [];
    const page = renderHook(() => useClusterIndex(true, rows, rows, scale, name));
    await waitFor(() => expect(page.result.current.index ?? FakeWorker.asked[0]).toBeTruthy());
    const kept = page.result.current.index?.kept ?? false;
    page.unmount();
    return kept;
  };

  it('keeps the index of final results; the same results shown again read it back', async () => {
    const rows = rowsOf(3000);
    const watched = renderHook(() => useClusterIndex(true, rows, rows, scale, 'run:a,b'));
    await act(answer);
    watched.unmount();
    // Reopened: the same results, read back from the browser. The index is kept in idle time:
    // until it is, a reopening page asks the worker.
    await vi.waitFor(async () => expect(await reopen(rowsOf(3000), 'run:a,b')).toBe(true));
    expect(await reopen(rowsOf(3000), 'run:a,b')).toBe(true);
    expect(FakeWorker.asked).toHaveLength(0);
    // Kept under the results' name: another run's results are not looked for there.
    expect(await reopen(rowsOf(3000), 'run:a,c')).toBe(false);
  });

  it('reads back only the same points: other results under the same name are built', async () => {
    const watched = renderHook(() => {
      const rows = rowsOf(3000);
      return useClusterIndex(true, rows, rows, scale, 'sess_b');
    });
    await act(answer);
    watched.unmount();
    await vi.waitFor(async () => expect(await reopen(rowsOf(3000), 'sess_b')).toBe(true));
    const moved = toRows(Array.from({ length: 3000 }, (_, i) => ({ ...result(i), lat: 41 })));
    expect(await reopen(moved, 'sess_b')).toBe(false);
    expect(FakeWorker.asked).toHaveLength(1);
  });

  it('takes in appended results at once when they are final', async () => {
    const rows = rowsOf(3000);
    const { result: hook, rerender } = renderHook(
      ({ list, keptAs }: { list: readonly ResultRow[]; keptAs: string | null }) =>
        useClusterIndex(true, list, list, scale, keptAs),
      { initialProps: { list: rows.slice(0, 2500), keptAs: null as string | null } },
    );
    await act(answer);
    rerender({ list: rows, keptAs: 'sess_a' });
    expect(hook.current.arrived).toHaveLength(500);
    // Not a catch-up a few seconds later: at the next idle moment.
    await act(answer);
    expect(hook.current.arrived).toHaveLength(0);
    const items = hook.current.index?.itemsIn(WORLD, 3) ?? [];
    expect(items.reduce((n, i) => n + (i.kind === 'cluster' ? i.count : 1), 0)).toBe(3000);
  });

  it('holds no index when clustering is off', () => {
    const rows = rowsOf(3000);
    const { result: hook } = renderHook(() => useClusterIndex(false, rows, rows, scale));
    expect(hook.current).toMatchObject({ index: null, pending: false });
    expect(FakeWorker.asked).toHaveLength(0);
  });
});

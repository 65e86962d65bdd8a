import { useEffect, useMemo, useState } from 'react';
import { appendsTo } from '@/lib/append-only';
import type { ColorScale } from '@/lib/color-modes';
import { whenIdle } from '@/lib/idle';
import type { ResultRow } from '@/lib/results';
import { PinClusters } from './pin-clusters';

/** While results only arrive (polls append them), the index takes them in at most this often. */
const CLUSTER_CATCH_UP_MS = 5_000;
const NO_ROWS: readonly ResultRow[] = [];

interface BuiltIndex {
  index: PinClusters;
  /** The pins it holds (`shown` when it was built). */
  rows: readonly ResultRow[];
  /** Every row then, filtered or not: the data it was built from. */
  all: readonly ResultRow[];
  scale: ColorScale;
  at: number;
}

/**
 * The cluster index of `shown`, always built in a worker (on this project's 2-core VMs the
 * index of 10,000 results costs ~20 ms when warm, ~150 ms on a page still starting, of 50,000
 * 150–600 ms: a page reopening a run, taking in a poll a second or answering a click cannot
 * spare that).
 *
 * - Data that is new, or changed otherwise than by appending (the first answers, sessions
 *   read back): `pending` until the worker's index is in; the map draws no clusters meanwhile,
 *   never pins of other data. It may be one this browser kept: an index of final results (no
 *   location left to process) is kept under their name (`keptAs`), and read back when the same
 *   pins are shown again (a finished run reopened) instead of built.
 * - A poll that only appends: the index stays, and the new results (`arrived`) are drawn as
 *   their own pins until the index takes them in, at most every few seconds, in idle time (at
 *   the next idle moment once the results are final).
 * - The user changes the pins (a filter, the color mode): the index in use stays on screen
 *   until the new one is in.
 *
 * `qs:cluster-index` (for bench:client) measures a new index from its request to its arrival.
 */
export function useClusterIndex(
  enabled: boolean,
  rows: readonly ResultRow[],
  shown: readonly ResultRow[],
  scale: ColorScale,
  /** The results are final: the name their index is kept under (see `PinClusters.build`). */
  keptAs: string | null = null,
) {
  const [built, setBuilt] = useState<BuiltIndex | null>(null);
  if (!enabled && built) setBuilt(null);
  /** Whether the index holds these pins (or all but those appended since). */
  const holds = built !== null && built.scale === scale && appendsTo(shown, built.rows);
  /** Built from these data (perhaps for other pins of them): usable while a new one builds. */
  const usable = enabled && built && (built.all === rows || holds) ? built : null;
  const pending = enabled && usable === null;
  /** Built for other pins than these: shown until the worker's index of these is in. */
  const stale = usable !== null && !holds;
  const arrived = useMemo(
    () =>
      usable && !stale && usable.rows.length < shown.length
        ? shown.slice(usable.rows.length)
        : NO_ROWS,
    [usable, stale, shown],
  );

  useEffect(() => {
    if (!pending && !stale && (!usable || arrived.length === 0)) return;
    let live = true;
    const asked = performance.now();
    // A first index of these data may be one this browser kept (a run reopened): read back.
    // One of final results is kept.
    const build = () =>
      void PinClusters.build(shown, scale, { reuse: pending, keptAs }).then((index) => {
        if (!live) return;
        if (pending && (window as { __qsBenchMeasure?: boolean }).__qsBenchMeasure)
          performance.measure('qs:cluster-index', {
            start: asked,
            duration: performance.now() - asked,
            detail: { pins: shown.length },
          });
        setBuilt({ index, rows: shown, all: rows, scale, at: performance.now() });
      });
    // Nothing clustered on screen: at once. A change the user made: in a task of its own
    // (laying the pins out for the worker is a pass over them all). A catch-up: in idle time.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelIdle = () => {};
    if (pending) build();
    else
      timer = setTimeout(
        () => {
          if (stale) build();
          else cancelIdle = whenIdle(build);
        },
        stale || !usable || keptAs !== null
          ? 0
          : Math.max(0, usable.at + CLUSTER_CATCH_UP_MS - performance.now()),
      );
    return () => {
      live = false;
      clearTimeout(timer);
      cancelIdle();
    };
  }, [pending, usable, stale, arrived, rows, shown, scale, keptAs]);
  return { index: usable?.index ?? null, arrived, pending };
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { appendOnlyCount } from '@/lib/append-only';
import { whenIdle } from '@/lib/idle';
import type { ResultRow } from '@/lib/results';
import {
  analysisCalls,
  keptAnalyses,
  loadFullAnalysis,
  type AnalysisTarget,
} from './load-analysis';
import type { AnalysisOutcome } from '@/lib/analysis';

export type AnalysisState =
  | { status: 'idle' }
  | { status: 'loading'; done: number; total: number }
  | { status: 'done' }
  | { status: 'error'; message: string };

/** Each result's target, made once (a poll of a large run makes only its new results'). */
const targetCache = new WeakMap<ResultRow['result'], AnalysisTarget>();

/** A successful result: its listing has an analysis. */
const isListing = (row: ResultRow) => row.result.status === 'success';

/** The successful results whose listing an analysis is for. */
function targetsOf(rows: readonly ResultRow[]): AnalysisTarget[] {
  const out: AnalysisTarget[] = [];
  for (const { result: r } of rows) {
    if (r.status !== 'success') continue;
    let target = targetCache.get(r);
    if (!target)
      targetCache.set(
        r,
        (target = { listingId: r.listing_id, lat: r.lat, lng: r.lng, analyzedAt: r.analyzed_at }),
      );
    out.push(target);
  }
  return out;
}

/**
 * The full analysis of a session's listings: what this browser kept shows at once; "load"
 * fetches the rest (cancellable), saying what it costs first.
 */
export function useFullAnalysis(rows: readonly ResultRow[]) {
  // A poll that appends results counts only theirs; the targets are listed when asked for (to
  // look up, to load), not copied at each poll.
  const listingsOf = useMemo(() => appendOnlyCount(isListing), []);
  const listings = listingsOf(rows);
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, AnalysisOutcome>>(new Map());
  const [state, setState] = useState<AnalysisState>({ status: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const latest = useRef(rows);
  useEffect(() => {
    latest.current = rows;
  });
  // Kept analyses show without asking (and without a call): looked up once there are results,
  // not on every poll of a running session, in idle time after the results are on screen.
  const hasTargets = listings > 0;
  useEffect(() => {
    if (!hasTargets) return;
    let live = true;
    const look = () =>
      void keptAnalyses(targetsOf(latest.current)).then((kept) => {
        if (live && kept.size > 0)
          setOutcomes((before) => (before.size >= kept.size ? before : kept));
      });
    const cancel = whenIdle(look, 2_000);
    return () => {
      live = false;
      cancel();
    };
  }, [hasTargets]);
  useEffect(() => () => abort.current?.abort(), []);

  const missingOf = useMemo(
    () =>
      appendOnlyCount(
        (row: ResultRow) =>
          row.result.status === 'success' && outcomes.get(row.result.listing_id)?.kind !== 'ok',
      ),
    [outcomes],
  );
  // None loaded yet (a first render): every listing, without a pass over them.
  const missing = outcomes.size === 0 ? listings : missingOf(rows);
  // The same function while the page lives: a poll does not render the analysis bar again.
  const load = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const targets = targetsOf(latest.current);
    setState({ status: 'loading', done: 0, total: targets.length });
    try {
      const result = await loadFullAnalysis(targets, {
        signal: controller.signal,
        onProgress: (done, total) => setState({ status: 'loading', done, total }),
      });
      setOutcomes(result);
      setState({ status: 'done' });
    } catch (error) {
      setState(
        controller.signal.aborted
          ? { status: 'idle' }
          : { status: 'error', message: (error as Error).message },
      );
    }
  }, []);
  const cancel = useCallback(() => abort.current?.abort(), []);
  return {
    outcomes,
    state,
    listings,
    missing,
    calls: analysisCalls(missing),
    load,
    cancel,
  };
}

import { useQuery } from '@tanstack/react-query';
import { memo, useMemo } from 'react';
import type { SessionResult, SessionStatus } from '@/contract/schemas';
import { Card } from '@/components/ui/card';
import { coordinateKey } from '@/contract/coordinates';
import type { SessionInput } from '@/lib/browser-db';
import { landQueryOptions } from '@/lib/geo/land-query';
import { appendOnlyFilter, appendOnlyFold } from '@/lib/append-only';
import { inputLabel } from '@/lib/results';
import { useIdleOnce } from '@/lib/use-idle-once';
import { bandDistributionKept, groupFailuresKept, percent } from '../lib/summaries';
import type { PollSample } from '../lib/throughput';
import { BandDistribution } from './band-distribution';
import { CARDS_GRID } from './monitor-states';
import { FailuresPanel } from './failures-panel';
import { OutcomeChart } from './outcome-chart';
import { ProgressAnnouncer } from './progress-announcer';
import { ProgressGauge } from './progress-gauge';
import { ThroughputCard } from './throughput-card';

const NO_RESULTS: readonly SessionResult[] = [];
/** The longest the swap check waits for an idle moment before loading the land outline. */
const LAND_WAIT_MS = 2_000;

export interface MonitorPanelsProps {
  data: SessionStatus;
  samples: PollSample[];
  selectedBands?: readonly string[];
  onToggleBand?: (level: string) => void;
}

/** The cards row: progress, outcomes, score bands, throughput. All from the one status answer. */
export const MonitorPanels = memo(function MonitorPanels({
  data,
  samples,
  selectedBands,
  onToggleBand,
}: MonitorPanelsProps) {
  const results = data.results;
  const distributionOf = useMemo(() => bandDistributionKept(), []);
  const distribution = distributionOf(results ?? NO_RESULTS);
  return (
    <>
      <ProgressAnnouncer
        pct={percent(data.progress.processed, data.progress.total)}
        status={data.status}
      />
      <div className={CARDS_GRID}>
        <Card title="Progress">
          <ProgressGauge progress={data.progress} />
        </Card>
        <Card title="Outcomes">
          <OutcomeChart progress={data.progress} />
        </Card>
        <Card title="Score bands">
          {results === undefined ? (
            <p className="text-sm text-slate-600">
              This API version sends no per-location results.
            </p>
          ) : (
            <BandDistribution
              distribution={distribution}
              selected={selectedBands}
              onToggleBand={onToggleBand}
            />
          )}
        </Card>
        <Card title="Throughput">
          <ThroughputCard data={data} samples={samples} />
        </Card>
      </div>
    </>
  );
});

export interface FailuresCardProps {
  results: SessionStatus['results'];
  /** The user's input rows, when known: each failure is named by theirs. */
  input?: SessionInput | null;
}

/** The user's names of the failed results (by their input rows), per error, kept between polls. */
const failureNamesKept = (input: SessionInput) =>
  appendOnlyFold(
    () => new Map<string, string[]>(),
    (named, r: SessionResult) => {
      if (r.status !== 'failed') return;
      const label = inputLabel(input.rows[coordinateKey(r.lat, r.lng)], input.columns);
      if (!label) return;
      const list = named.get(r.error);
      if (list) list.push(label);
      else named.set(r.error, [label]);
    },
    (named) => new Map([...named].map(([error, list]) => [error, [...list]])),
  );

/** Each failed result checked against the land once (a poll checks only its new ones). */
const swapChecks = new WeakMap<SessionResult, boolean>();
function probablySwapped(
  land: { probablySwapped: (lat: number, lng: number) => boolean },
  r: SessionResult,
) {
  let swapped = swapChecks.get(r);
  if (swapped === undefined) swapChecks.set(r, (swapped = land.probablySwapped(r.lat, r.lng)));
  return swapped;
}

/** Memoized: it changes only with the results (a run's page renders for more than its polls). */
export const FailuresCard = memo(function FailuresCard({
  results,
  input = null,
}: FailuresCardProps) {
  // Only the results a poll appended are looked at (see `appendOnly`): failures are few.
  const failedOf = useMemo(() => appendOnlyFilter((r: SessionResult) => r.status === 'failed'), []);
  const failed = failedOf(results ?? NO_RESULTS);
  const countedOf = useMemo(groupFailuresKept, []);
  const counted = countedOf(failed);
  const namesOf = useMemo(() => (input ? failureNamesKept(input) : null), [input]);
  const names = namesOf?.(failed);
  const groups = useMemo(
    () => counted.map((g) => ({ ...g, names: names?.get(g.error) ?? [] })),
    [counted, names],
  );
  // Failed points checked against the land: given longitude first, they would be on it. The
  // outline (fetched, parsed, indexed) waits for an idle moment: a reopened run's map comes first.
  const landWanted = useIdleOnce(failed.length > 0, LAND_WAIT_MS);
  const land = useQuery({ ...landQueryOptions, enabled: landWanted });
  const swappableOf = useMemo(() => {
    const found = land.data;
    return found ? appendOnlyFilter((r: SessionResult) => probablySwapped(found, r)) : null;
  }, [land.data]);
  const swappable = swappableOf?.(failed) ?? NO_RESULTS;
  return (
    <Card title="Failures by error">
      <FailuresPanel groups={groups} swappable={swappable} />
    </Card>
  );
});

import { isSessionFinished, type SessionStatus } from '@/contract/schemas';
import { formatRange } from '@/lib/time-format';
import { useNow } from '@/lib/use-now';
import { computeThroughput, type PollSample } from '../lib/throughput';

export interface ThroughputCardProps {
  data: SessionStatus;
  samples: PollSample[];
}

const perMinute = (v: number | null) =>
  v === null ? '—' : `${v >= 10 ? Math.round(v) : v.toFixed(1)} / min`;

/** Reads the clock itself: the estimate moves every second without re-rendering other panels. */
export function ThroughputCard({ data, samples }: ThroughputCardProps) {
  const now = useNow(1000);
  const finished = isSessionFinished(data);
  const { recentPerMinute, overallPerMinute, remainingMs } = computeThroughput(data, samples, now);
  return (
    <dl className="grid grid-cols-1 gap-3 text-sm">
      <div>
        <dt className="text-slate-600">Time left</dt>
        <dd className="text-2xl font-semibold tabular-nums">
          {finished ? 'done' : remainingMs ? formatRange(remainingMs.low, remainingMs.high) : '—'}
        </dd>
      </div>
      <div>
        <dt className="text-slate-600">Recent rate (last polls)</dt>
        <dd className="font-medium tabular-nums">{perMinute(recentPerMinute)}</dd>
      </div>
      <div>
        <dt className="text-slate-600">Average since start</dt>
        <dd className="font-medium tabular-nums">{perMinute(overallPerMinute)}</dd>
      </div>
    </dl>
  );
}

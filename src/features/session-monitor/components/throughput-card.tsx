import { formatRange } from '@/lib/time-format';
import type { Throughput } from '../lib/throughput';

export interface ThroughputCardProps {
  throughput: Throughput;
  finished: boolean;
}

const perMinute = (v: number | null) =>
  v === null ? '—' : `${v >= 10 ? Math.round(v) : v.toFixed(1)} / min`;

export function ThroughputCard({ throughput, finished }: ThroughputCardProps) {
  const { recentPerMinute, overallPerMinute, remainingMs } = throughput;
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

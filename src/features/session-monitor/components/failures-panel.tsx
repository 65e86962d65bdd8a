import type { FailureGroup } from '../lib/summaries';

export interface FailuresPanelProps {
  groups: FailureGroup[];
}

/** Failures grouped by error message, each explained in plain words. */
export function FailuresPanel({ groups }: FailuresPanelProps) {
  if (groups.length === 0) return <p className="text-sm text-slate-600">No failed locations.</p>;
  return (
    <ul className="flex flex-col gap-3">
      {groups.map((g) => (
        <li key={g.error} className="rounded-md border border-slate-200 p-3">
          <p className="flex items-baseline justify-between gap-3">
            <span className="font-medium">{g.error}</span>
            <span className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold tabular-nums">
              {g.count} location{g.count === 1 ? '' : 's'}
            </span>
          </p>
          <p className="mt-1 text-sm text-slate-700">{g.meaning}</p>
          <p className="mt-1 text-sm text-slate-700">
            <span className="font-medium">What you can do:</span> {g.action}
          </p>
        </li>
      ))}
    </ul>
  );
}

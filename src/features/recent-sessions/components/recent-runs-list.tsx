import { Link } from 'react-router';
import { useApiKey } from '@/lib/api-key';
import { deleteRun } from '@/lib/browser-db';
import { forgetRun, useRecentRuns } from '@/lib/recent-runs';
import { formatAgo } from '@/lib/time-format';

/** The runs this browser keeps (for this key), newest first; nothing at all when there are none. */
export function RecentRunsList({ now }: { now: number }) {
  const { effectiveKey } = useApiKey();
  const runs = useRecentRuns(effectiveKey);
  if (runs.length === 0) return null;
  return (
    <section aria-labelledby="recent-runs" className="flex flex-col gap-1">
      <h2 id="recent-runs" className="text-sm font-semibold text-slate-800">
        Runs
      </h2>
      <ul className="divide-y divide-slate-200">
        {runs.map((run) => (
          <li key={run.id} className="flex items-center gap-3 py-2">
            <Link
              to={`/runs/${run.id}`}
              className="min-w-0 flex-1 text-sm text-teal-800 underline break-all"
            >
              {run.name}
            </Link>
            <span className="shrink-0 text-xs text-slate-700">
              {run.sessions} session{run.sessions === 1 ? '' : 's'} · made{' '}
              {formatAgo(run.createdAt, now)}
            </span>
            <button
              type="button"
              onClick={() => {
                forgetRun(run.id);
                void deleteRun(run.id);
              }}
              className="shrink-0 rounded px-2 py-1 text-xs text-slate-700 hover:bg-slate-100"
              aria-label={`Forget the run ${run.name}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

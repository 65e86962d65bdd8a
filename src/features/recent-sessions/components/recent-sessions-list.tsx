import { Link } from 'react-router';
import { forgetRecentSession, useRecentSessions } from '@/lib/recent-sessions';
import { formatAgo } from '@/lib/time-format';

export interface RecentSessionsListProps {
  now: number;
}

export function RecentSessionsList({ now }: RecentSessionsListProps) {
  const sessions = useRecentSessions();
  if (sessions.length === 0) {
    return <p className="text-sm text-slate-600">Sessions you open appear here, newest first.</p>;
  }
  return (
    <ul className="divide-y divide-slate-200">
      {sessions.map((s) => (
        <li key={s.sessionId} className="flex items-center gap-3 py-2">
          <Link
            to={`/sessions/${encodeURIComponent(s.sessionId)}`}
            className="min-w-0 flex-1 font-mono text-sm text-teal-800 underline break-all"
          >
            {s.sessionId}
          </Link>
          <span className="shrink-0 text-xs text-slate-700">
            {s.status ?? 'not loaded'}
            {s.total !== null && s.processed !== null && ` · ${s.processed}/${s.total}`}
            {' · '}opened {formatAgo(s.openedAt, now)}
          </span>
          <button
            type="button"
            onClick={() => forgetRecentSession(s.sessionId)}
            className="shrink-0 rounded px-2 py-1 text-xs text-slate-700 hover:bg-slate-100"
            aria-label={`Remove ${s.sessionId} from recent sessions`}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}

import { useQueries } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { fetchSessionStatus, sessionKeys } from '@/api/queries';
import { isSessionFinished } from '@/contract/schemas';
import {
  forgetRecentSession,
  updateRecentSession,
  useRecentSessions,
  type RecentSession,
} from '@/lib/recent-sessions';
import { formatAgo } from '@/lib/time-format';

export interface RecentSessionsListProps {
  now: number;
}

/** Sessions last seen running whose status is asked again when the list shows (one call each). */
export const MAX_CHECKED = 5;

const running = (s: RecentSession) =>
  s.status !== null &&
  s.total !== null &&
  s.processed !== null &&
  !isSessionFinished({
    status: s.status,
    progress: { total: s.total, processed: s.processed, successful: 0, failed: 0 },
  });

/**
 * The sessions this browser opened, newest first, each with its status as last seen. The few
 * last seen running are asked once more (their status query, so a monitor opened next uses the
 * answer): a session that ended while nobody watched does not stay "PROCESSING" here.
 */
export function RecentSessionsList({ now }: RecentSessionsListProps) {
  const sessions = useRecentSessions();
  const checked = sessions.filter(running).slice(0, MAX_CHECKED);
  const checks = useQueries({
    queries: checked.map((s) => ({
      queryKey: sessionKeys.status(s.sessionId),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchSessionStatus(s.sessionId, { signal }),
      staleTime: 60_000,
      retry: false,
    })),
  });
  const answers = checks.map((c) => c.data);
  useEffect(() => {
    answers.forEach((data, i) => {
      const id = checked[i]?.sessionId;
      if (data && id)
        updateRecentSession(id, {
          status: data.status,
          processed: data.progress.processed,
          total: data.progress.total,
        });
    });
  });
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

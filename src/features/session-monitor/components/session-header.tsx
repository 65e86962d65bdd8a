import { memo, useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import type { SessionStatus } from '@/contract/schemas';
import { useNow } from '@/lib/use-now';
import { CopyButton } from '@/components/ui/copy-button';
import { Skeleton } from '@/components/ui/skeleton';
import { parseApiTimestamp } from '@/contract/timestamps';
import { formatAbsolute, formatAgo, formatDuration } from '@/lib/time-format';
import { StatusBadge } from './status-badge';

export interface SessionHeaderProps {
  sessionId: string;
  /** Undefined while the first answer is on its way: the ID shows at once, the rest is held. */
  data: SessionStatus | undefined;
}

/**
 * The session's ID (known from the URL, so shown at once), its status and times. Reads the
 * clock itself, so the ticking "x s ago" re-renders only this header.
 */
export const SessionHeader = memo(function SessionHeader({ sessionId, data }: SessionHeaderProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  // Arrived from another page of the app ("Open session", a link): focus starts here, where a
  // screen reader announces the session, not on the control that is gone. A first load of the
  // page (key "default") leaves focus to the browser.
  const arrived = useRef(key !== 'default');
  useEffect(() => {
    if (arrived.current) heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <h1 ref={heading} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
          Session
        </h1>
        {data ? <StatusBadge status={data.status} /> : <Skeleton className="h-6 w-24" />}
        <code className="rounded bg-slate-100 px-2 py-0.5 text-sm break-all">{sessionId}</code>
        <CopyButton value={sessionId} label="Copy session ID" />
      </div>
      {data ? <SessionTimes data={data} /> : <SessionTimesPending />}
    </div>
  );
});

function SessionTimes({ data }: { data: SessionStatus }) {
  const now = useNow(1000);
  const submitted = parseApiTimestamp(data.submitted_at);
  const started = data.started_at ? parseApiTimestamp(data.started_at) : null;
  const completed = data.completed_at ? parseApiTimestamp(data.completed_at) : null;
  const elapsed = started !== null ? (completed ?? now) - started : null;
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
      <TimeItem label="Submitted" ms={submitted} now={now} />
      <TimeItem label="Started" ms={started} now={now} />
      <TimeItem label="Completed" ms={completed} now={now} />
      <div className="flex gap-1.5">
        <dt className="text-slate-600">Elapsed</dt>
        <dd className="font-medium tabular-nums">
          {elapsed === null ? '—' : formatDuration(elapsed)}
        </dd>
      </div>
    </dl>
  );
}

/** The times' row with their labels and room for the values: nothing moves when they come. */
function SessionTimesPending() {
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
      {['Submitted', 'Started', 'Completed', 'Elapsed'].map((label) => (
        <div key={label} className="flex items-center gap-1.5">
          <dt className="text-slate-600">{label}</dt>
          <dd>
            <Skeleton className={`h-4 ${label === 'Elapsed' ? 'w-16' : 'w-64'}`} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function TimeItem({ label, ms, now }: { label: string; ms: number | null; now: number }) {
  return (
    <div className="flex gap-1.5">
      <dt className="text-slate-600">{label}</dt>
      <dd className="font-medium">
        {ms === null ? (
          '—'
        ) : (
          <time dateTime={new Date(ms).toISOString()} title={formatAbsolute(ms)}>
            {formatAbsolute(ms)}{' '}
            <span className="font-normal text-slate-600">({formatAgo(ms, now)})</span>
          </time>
        )}
      </dd>
    </div>
  );
}

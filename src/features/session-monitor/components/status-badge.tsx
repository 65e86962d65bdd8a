import { sessionPhase } from '@/contract/schemas';

const STYLES = {
  queued: 'bg-slate-100 text-slate-800 ring-slate-300',
  processing: 'bg-sky-100 text-sky-900 ring-sky-300',
  completed: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  failed: 'bg-red-100 text-red-900 ring-red-300',
  unknown: 'bg-amber-100 text-amber-900 ring-amber-300',
} as const;

export interface StatusBadgeProps {
  status: string;
}

/** The API's status verbatim (PENDING, or one we do not know, included), styled by phase. */
export function StatusBadge({ status }: StatusBadgeProps) {
  const phase = sessionPhase(status);
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${STYLES[phase]}`}
    >
      {phase === 'processing' && (
        <span aria-hidden="true" className="h-1.5 w-1.5 animate-pulse rounded-full bg-sky-600" />
      )}
      {status}
    </span>
  );
}

import { Link } from 'react-router';
import type { Coordinate } from '@/contract/schemas';
import type { FailureGroup } from '../lib/summaries';

/** A group of failures, with the user's names for them when their input rows are known. */
type NamedGroup = FailureGroup & { names?: string[] };

export interface FailuresPanelProps {
  groups: NamedGroup[];
  /** Failed points that, with latitude and longitude swapped, would be on land. */
  swappable?: readonly Coordinate[];
}

/** Failures grouped by error message, each explained in plain words. */
export function FailuresPanel({ groups, swappable = [] }: FailuresPanelProps) {
  if (groups.length === 0) return <p className="text-sm text-slate-600">No failed locations.</p>;
  const n = swappable.length;
  return (
    <div className="flex flex-col gap-3">
      {n > 0 && (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          {n} failed point{n === 1 ? '' : 's'} would be on land with latitude and longitude swapped:{' '}
          {n === 1 ? 'it was' : 'they were'} probably given longitude first.{' '}
          <Link
            to="/sessions/new"
            state={{ locations: swappable.map((c) => `${c.lng}, ${c.lat}`).join('\n') }}
            className="font-medium underline"
          >
            Create a session with {n === 1 ? 'it' : 'them'} swapped
          </Link>
        </p>
      )}
      <FailureGroups groups={groups} />
    </div>
  );
}

const NAMES_SHOWN = 5;

function FailureGroups({ groups }: { groups: NamedGroup[] }) {
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
          {g.names && g.names.length > 0 && (
            <p className="mt-1 text-sm">
              {g.names.slice(0, NAMES_SHOWN).join(' · ')}
              {g.names.length > NAMES_SHOWN && ` · and ${g.names.length - NAMES_SHOWN} more`}
            </p>
          )}
          <p className="mt-1 text-sm text-slate-700">{g.meaning}</p>
          <p className="mt-1 text-sm text-slate-700">
            <span className="font-medium">What you can do:</span> {g.action}
          </p>
        </li>
      ))}
    </ul>
  );
}

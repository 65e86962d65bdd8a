import { memo } from 'react';
import { MODELED_NOTE } from '@/lib/analysis';
import type { LegendEntry } from '../lib/legend';

export interface MapLegendProps {
  title: string;
  /** The scale's classes with their counts, then the failed results (`legendEntries`). */
  entries: readonly LegendEntry[];
  deleted: number;
  /** The colors come from the full analysis: its dBA are modeled. */
  fromAnalysis: boolean;
  /** Pin grouping, offered when the map holds enough pins to group. */
  grouping: { on: boolean; toggle: () => void } | null;
  /** Set when filters hide some pins: the counts are of the pins shown. */
  filtered: { shown: number; total: number } | null;
}

/**
 * What the pins' colors mean, with live counts: the same shapes and colors as the pins; and the
 * switch that groups pins into clusters colored by the worst class they hold.
 */
export function MapLegend({
  title,
  entries,
  deleted,
  fromAnalysis,
  grouping,
  filtered,
}: MapLegendProps) {
  return (
    <div className="max-w-56 rounded-md border border-slate-300 bg-white/95 p-2 text-xs shadow-sm">
      <p className="mb-1 font-semibold text-slate-800" data-testid="map-legend-title">
        {title}
      </p>
      {fromAnalysis && <p className="mb-1 text-slate-600">Full analysis ({MODELED_NOTE})</p>}
      {filtered && (
        <p className="mb-1 text-slate-700">
          Filtered: {filtered.shown} of {filtered.total}
        </p>
      )}
      <ul className="flex flex-col gap-0.5">
        {entries.map(({ key, ...e }) => (
          <LegendLine key={key} {...e} />
        ))}
        {deleted > 0 && (
          <li className="flex items-center gap-1.5">
            <span
              aria-hidden="true"
              className="inline-block h-3 w-3 rounded-full border border-dashed border-slate-600 bg-slate-50"
            />
            <span className="flex-1">Deleted</span>
            <span className="tabular-nums font-medium">{deleted}</span>
          </li>
        )}
      </ul>
      {grouping && <GroupingSwitch on={grouping.on} toggle={grouping.toggle} />}
    </div>
  );
}

/**
 * Memoized: React writes an input's `name` and `type` again at each of its renders, and a poll
 * that changes the counts above would render it.
 */
const GroupingSwitch = memo(function GroupingSwitch({
  on,
  toggle,
}: {
  on: boolean;
  toggle: () => void;
}) {
  return (
    <label className="mt-1.5 flex min-h-6 items-center gap-1.5 border-t border-slate-200 pt-1.5">
      <input type="checkbox" checked={on} onChange={toggle} />
      Group nearby pins
    </label>
  );
});

/** One class's line: rendered again only when its own count (or looks) change, as a poll's do. */
const LegendLine = memo(function LegendLine({
  label,
  range,
  count,
  fill,
  stroke,
}: Omit<LegendEntry, 'key'>) {
  return (
    <li className="flex items-center gap-1.5">
      <span
        aria-hidden="true"
        className={`inline-block h-3 w-3 shrink-0 rounded-full ${fill ? 'border border-slate-800' : 'border-[2.5px] bg-transparent'}`}
        style={fill ? { background: fill } : { borderColor: stroke }}
      />
      <span className="flex-1">
        {label} {range && <span className="text-slate-600">{range}</span>}
      </span>
      <span className="tabular-nums font-medium">{count}</span>
    </li>
  );
});

import { SCORE_BANDS } from '@/lib/score-bands';

export interface MapLegendProps {
  bandCounts: ReadonlyMap<string, number>;
  failed: number;
  deleted: number;
  /** The failed pins' ring color in the current theme. */
  failedColor: string;
  /** Pin grouping, offered when the map holds enough pins to group. */
  grouping: { on: boolean; toggle: () => void } | null;
  /** Set when filters hide some pins: the counts are of the pins shown. */
  filtered: { shown: number; total: number } | null;
}

/**
 * Bands, failed and deleted, with live counts: the same shapes and colors as the pins; and the
 * switch that groups pins into clusters colored by the noisiest band they hold.
 */
export function MapLegend({
  bandCounts,
  failed,
  deleted,
  failedColor,
  grouping,
  filtered,
}: MapLegendProps) {
  return (
    <div className="rounded-md border border-slate-300 bg-white/95 p-2 text-xs shadow-sm">
      <p className="mb-1 font-semibold text-slate-800">Quiet Score</p>
      {filtered && (
        <p className="mb-1 text-slate-700">
          Filtered: {filtered.shown} of {filtered.total}
        </p>
      )}
      <ul className="flex flex-col gap-0.5">
        {SCORE_BANDS.map((b) => (
          <li key={b.level} className="flex items-center gap-1.5">
            <span
              aria-hidden="true"
              className="inline-block h-3 w-3 rounded-full border border-slate-800"
              style={{ background: b.color }}
            />
            <span className="flex-1">
              {b.level}{' '}
              <span className="text-slate-600">
                {b.min}–{b.max}
              </span>
            </span>
            <span className="tabular-nums font-medium">{bandCounts.get(b.level) ?? 0}</span>
          </li>
        ))}
        <li className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="inline-block h-3 w-3 rounded-full border-[2.5px] bg-transparent"
            style={{ borderColor: failedColor }}
          />
          <span className="flex-1">Failed</span>
          <span className="tabular-nums font-medium">{failed}</span>
        </li>
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
      {grouping && (
        <label className="mt-1.5 flex min-h-6 items-center gap-1.5 border-t border-slate-200 pt-1.5">
          <input type="checkbox" checked={grouping.on} onChange={grouping.toggle} />
          Group nearby pins
        </label>
      )}
    </div>
  );
}

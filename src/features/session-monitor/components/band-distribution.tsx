import { memo } from 'react';
import { HorizontalBars } from '@/components/charts/horizontal-bars';
import type { BandCount } from '../lib/summaries';

export interface BandDistributionProps {
  distribution: BandCount[];
  /** Bands selected as a filter of the map and table. */
  selected?: readonly string[];
  onToggleBand?: (level: string) => void;
}

/** Successful results per documented band, in the bands' own colors, with a text equivalent. */
export const BandDistribution = memo(function BandDistribution({
  distribution,
  selected = [],
  onToggleBand,
}: BandDistributionProps) {
  const rows = distribution.map((d) => ({
    name: d.band.level,
    value: d.count,
    color: d.band.color,
  }));
  const total = distribution.reduce((s, d) => s + d.count, 0);
  return (
    <figure>
      <HorizontalBars
        rows={rows}
        width={270}
        height={150}
        max={Math.max(...rows.map((r) => r.value))}
        labelWidth={92}
        outlined
        label={`Score bands of ${total} successful results: ${rows.map((r) => `${r.name} ${r.value}`).join(', ')}.`}
      />
      {onToggleBand && (
        <div className="mt-2 flex flex-wrap gap-1.5" role="group" aria-label="Filter by score band">
          {distribution.map((d) => {
            const on = selected.includes(d.band.level);
            return (
              <button
                key={d.band.level}
                type="button"
                aria-pressed={on}
                onClick={() => onToggleBand(d.band.level)}
                className={`flex min-h-6 items-center gap-1 rounded-full border px-2 py-0.5 text-xs ${on ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-300 bg-white text-slate-800'}`}
              >
                <span
                  aria-hidden="true"
                  className="h-2.5 w-2.5 rounded-full border border-slate-500"
                  style={{ background: d.band.color }}
                />
                {d.band.level}
              </button>
            );
          })}
        </div>
      )}
    </figure>
  );
});

import { memo } from 'react';
import { HorizontalBars } from '@/components/charts/horizontal-bars';
import { FilterChip } from '@/components/ui/filter-chip';
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
          {distribution.map((d) => (
            <FilterChip
              key={d.band.level}
              label={d.band.level}
              color={d.band.color}
              pressed={selected.includes(d.band.level)}
              value={d.band.level}
              onToggle={onToggleBand}
            />
          ))}
        </div>
      )}
    </figure>
  );
});

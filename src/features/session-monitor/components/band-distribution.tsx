import { memo } from 'react';
import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from 'recharts';
import { PlainTick, PlainValueLabel } from './chart-tick';
import type { BandCount } from '../lib/summaries';

export interface BandDistributionProps {
  distribution: BandCount[];
  /** Bands selected as a filter (issue 6 wires them to the map and table). */
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
      <div aria-hidden="true">
        <BarChart
          accessibilityLayer={false}
          width={270}
          height={150}
          data={rows}
          layout="vertical"
          margin={{ left: 8, right: 36, top: 4, bottom: 4 }}
        >
          <XAxis type="number" hide domain={[0, Math.max(1, ...rows.map((r) => r.value))]} />
          <YAxis
            type="category"
            dataKey="name"
            width={92}
            tickLine={false}
            axisLine={false}
            tick={<PlainTick />}
          />
          <Bar
            dataKey="value"
            isAnimationActive={false}
            radius={3}
            stroke="#334155"
            strokeWidth={0.5}
          >
            {rows.map((r) => (
              <Cell key={r.name} fill={r.color} />
            ))}
            <LabelList dataKey="value" content={<PlainValueLabel />} />
          </Bar>
        </BarChart>
      </div>
      <figcaption className="sr-only">
        Score bands of {total} successful results:{' '}
        {rows.map((r) => `${r.name} ${r.value}`).join(', ')}.
      </figcaption>
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
                className={`flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs ${on ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-300 bg-white text-slate-800'}`}
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

import { memo } from 'react';
import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from 'recharts';
import { PlainTick, PlainValueLabel } from './chart-tick';
import type { SessionStatus } from '@/api/schemas';
import { FAILED_COLOR } from '@/lib/score-bands';

export interface OutcomeChartProps {
  progress: SessionStatus['progress'];
}

/** Successful / failed / pending, as bars, with a text equivalent. */
export const OutcomeChart = memo(function OutcomeChart({ progress }: OutcomeChartProps) {
  const rows = [
    { name: 'Successful', value: progress.successful, color: '#0f766e' },
    { name: 'Failed', value: progress.failed, color: FAILED_COLOR },
    { name: 'Pending', value: Math.max(0, progress.total - progress.processed), color: '#cbd5e1' },
  ];
  return (
    <figure>
      <div aria-hidden="true">
        <BarChart
          accessibilityLayer={false}
          width={240}
          height={130}
          data={rows}
          layout="vertical"
          margin={{ left: 8, right: 36, top: 4, bottom: 4 }}
        >
          <XAxis type="number" hide domain={[0, Math.max(1, progress.total)]} />
          <YAxis
            type="category"
            dataKey="name"
            width={76}
            tickLine={false}
            axisLine={false}
            tick={<PlainTick />}
          />
          <Bar dataKey="value" isAnimationActive={false} radius={3}>
            {rows.map((r) => (
              <Cell key={r.name} fill={r.color} />
            ))}
            <LabelList dataKey="value" content={<PlainValueLabel />} />
          </Bar>
        </BarChart>
      </div>
      <figcaption className="sr-only">
        Outcomes: {rows.map((r) => `${r.name} ${r.value}`).join(', ')}.
      </figcaption>
    </figure>
  );
});

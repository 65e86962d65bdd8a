import { memo } from 'react';
import type { SessionStatus } from '@/contract/schemas';
import { FAILED_COLOR } from '@/lib/score-bands';
import { HorizontalBars } from '@/components/charts/horizontal-bars';

export interface OutcomeChartProps {
  progress: SessionStatus['progress'];
}

/** Successful / failed / pending, as bars, with a text equivalent. */
export const OutcomeChart = memo(function OutcomeChart({ progress }: OutcomeChartProps) {
  const rows = [
    { name: 'Successful', value: progress.successful, color: 'var(--color-teal-700)' },
    { name: 'Failed', value: progress.failed, color: FAILED_COLOR },
    {
      name: 'Pending',
      value: Math.max(0, progress.total - progress.processed),
      color: 'var(--color-slate-300)',
    },
  ];
  return (
    <HorizontalBars
      rows={rows}
      width={240}
      height={130}
      max={progress.total}
      labelWidth={76}
      label={`Outcomes: ${rows.map((r) => `${r.name} ${r.value}`).join(', ')}.`}
    />
  );
});

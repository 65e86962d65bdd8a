import { memo } from 'react';
import type { SessionStatus } from '@/contract/schemas';
import { FAILED_COLOR } from '@/lib/score-bands';
import { percent } from '../lib/summaries';

export interface ProgressGaugeProps {
  progress: SessionStatus['progress'];
}

const R = 52;
const CIRC = 2 * Math.PI * R;
/** Theme-aware: the palette variable flips with the theme. */
const SUCCESS_COLOR = 'var(--color-teal-700)';

/**
 * A radial gauge: successful and failed shares as arcs, processed / total and % in the middle.
 * Its text equivalent is the progress bar's value text (an attribute: no layout on a poll).
 */
export const ProgressGauge = memo(function ProgressGauge({ progress }: ProgressGaugeProps) {
  const { total, processed, successful, failed } = progress;
  const pct = percent(processed, total);
  const okLen = total ? (successful / total) * CIRC : 0;
  const failLen = total ? (failed / total) * CIRC : 0;
  const text = `${processed} of ${total} processed (${pct}%): ${successful} successful, ${failed} failed, ${Math.max(0, total - processed)} pending`;
  return (
    <figure className="flex flex-col items-center gap-2">
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={processed}
        aria-valuetext={text}
        aria-label="Session progress"
        className="relative h-36 w-36"
      >
        <svg viewBox="0 0 120 120" className="h-full w-full -rotate-90" aria-hidden="true">
          <circle cx="60" cy="60" r={R} fill="none" className="stroke-slate-200" strokeWidth="12" />
          <circle
            cx="60"
            cy="60"
            r={R}
            fill="none"
            style={{ stroke: SUCCESS_COLOR }}
            strokeWidth="12"
            strokeDasharray={`${okLen} ${CIRC}`}
          />
          <circle
            cx="60"
            cy="60"
            r={R}
            fill="none"
            stroke={FAILED_COLOR}
            strokeWidth="12"
            strokeDasharray={`${failLen} ${CIRC}`}
            strokeDashoffset={-okLen}
          />
        </svg>
        <div className="absolute inset-0 flex flex-col items-center justify-center">
          <span className="text-2xl font-semibold tabular-nums">{pct}%</span>
          <span className="text-xs text-slate-600 tabular-nums">
            {processed} / {total}
          </span>
        </div>
      </div>
      <figcaption className="flex gap-3 text-xs text-slate-700">
        <span className="flex items-center gap-1">
          <span
            aria-hidden="true"
            className="h-2.5 w-2.5 rounded-sm"
            style={{ background: SUCCESS_COLOR }}
          />{' '}
          {successful} successful
        </span>
        <span className="flex items-center gap-1">
          <span
            aria-hidden="true"
            className="h-2.5 w-2.5 rounded-sm"
            style={{ background: FAILED_COLOR }}
          />{' '}
          {failed} failed
        </span>
      </figcaption>
    </figure>
  );
});

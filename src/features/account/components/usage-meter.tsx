import { formatCount } from '@/lib/units';

export interface UsageMeterProps {
  label: string;
  used: number;
  /** -1 = unlimited. */
  max: number;
  hint?: string;
}

/** A labelled meter with a warning at ≥ 80% and at the limit; -1 reads "unlimited". */
export function UsageMeter({ label, used, max, hint }: UsageMeterProps) {
  const unlimited = max === -1;
  const ratio = unlimited || max === 0 ? 0 : used / max;
  const level = unlimited ? 'ok' : ratio >= 1 ? 'limit' : ratio >= 0.8 ? 'warn' : 'ok';
  const bar = level === 'limit' ? 'bg-red-600' : level === 'warn' ? 'bg-amber-500' : 'bg-teal-700';
  const value = `${formatCount(used)} of ${unlimited ? 'unlimited' : formatCount(max)}`;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="tabular-nums">{value}</span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={unlimited ? used : max}
        aria-valuenow={used}
        aria-valuetext={value}
        className="h-2.5 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full ${bar}`}
          style={{ width: `${unlimited ? 0 : Math.min(100, ratio * 100)}%` }}
        />
      </div>
      {level !== 'ok' && (
        <p
          role="status"
          className={`text-xs font-medium ${level === 'limit' ? 'text-red-800' : 'text-amber-900'}`}
        >
          {level === 'limit'
            ? 'Limit reached.'
            : `${Math.floor(ratio * 100)}% used: close to the limit.`}
        </p>
      )}
      {hint && <p className="text-xs text-slate-600">{hint}</p>}
    </div>
  );
}

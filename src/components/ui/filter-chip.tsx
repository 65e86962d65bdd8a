import { memo } from 'react';

export interface FilterChipProps {
  label: string;
  /** The swatch: the color the map and charts give what the chip filters. */
  color: string;
  pressed: boolean;
  /** What the chip filters: handed to `onToggle`, so one stable callback serves every chip. */
  value: string;
  onToggle: (value: string) => void;
}

/**
 * A toggle that filters map and table by one class (a score band, a noise source). Memoized:
 * a poll that changes the counts beside the chips does not render them again.
 */
export const FilterChip = memo(function FilterChip({
  label,
  color,
  pressed,
  value,
  onToggle,
}: FilterChipProps) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={() => onToggle(value)}
      className={`flex min-h-6 items-center gap-1 rounded-full border px-2 py-0.5 text-xs ${pressed ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-300 bg-white text-slate-800'}`}
    >
      <span
        aria-hidden="true"
        className="h-2.5 w-2.5 rounded-full border border-slate-500"
        style={{ background: color }}
      />
      {label}
    </button>
  );
});

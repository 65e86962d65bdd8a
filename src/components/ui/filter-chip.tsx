export interface FilterChipProps {
  label: string;
  /** The swatch: the color the map and charts give what the chip filters. */
  color: string;
  pressed: boolean;
  onToggle: () => void;
}

/** A toggle that filters map and table by one class (a score band, a noise source). */
export function FilterChip({ label, color, pressed, onToggle }: FilterChipProps) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onToggle}
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
}

import { COLOR_MODES, type ColorMode } from '@/lib/color-modes';

export interface ColorModeSelectProps {
  mode: ColorMode;
  onChange: (mode: ColorMode) => void;
}

/** What the map's pins, its legend and the table's score column show. */
export function ColorModeSelect({ mode, onChange }: ColorModeSelectProps) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      Color by
      <select
        value={mode}
        onChange={(e) => onChange(e.target.value as ColorMode)}
        // Its own size (its longest option's) and strict containment: a switch changes its text
        // without laying out and repainting the page around it, in the frame that recolors.
        className="h-8 w-64 shrink-0 rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900 [contain:strict]"
      >
        {COLOR_MODES.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
            {m.id === 'overall' ? '' : ' (full analysis)'}
          </option>
        ))}
      </select>
    </label>
  );
}

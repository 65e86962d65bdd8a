import { useEffect, useRef } from 'react';
import type { ResultRow } from '@/lib/results';

export interface PinChooserProps {
  rows: readonly ResultRow[];
  onChoose: (index: number) => void;
  onClose: () => void;
}

/**
 * The locations under one click on the map, when several pins share the spot: a list of
 * buttons (Tab moves, Enter opens, Escape closes), so that no pin is unreachable.
 */
export function PinChooser({ rows, onChoose, onClose }: PinChooserProps) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    first.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div
      role="group"
      aria-label={`${rows.length} locations here`}
      className="absolute top-14 left-1/2 z-[1000] w-72 max-w-[calc(100%-1rem)] -translate-x-1/2 rounded-lg border border-slate-300 bg-white p-2 shadow-lg"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Closes this list only, not the listing details open beside the map.
        e.stopPropagation();
        onClose();
      }}
    >
      <div className="mb-1 flex items-center justify-between gap-2">
        <p className="text-xs font-semibold text-slate-800">
          {rows.length} locations here: choose one
        </p>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close the list"
          className="rounded px-1.5 text-slate-600 hover:bg-slate-100"
        >
          ×
        </button>
      </div>
      <ul className="flex max-h-48 flex-col gap-1 overflow-y-auto">
        {rows.map((row, i) => (
          <li key={row.index}>
            <button
              ref={i === 0 ? first : undefined}
              type="button"
              onClick={() => onChoose(row.index)}
              className="w-full rounded border border-slate-300 px-2 py-1 text-left text-xs text-slate-900 hover:bg-slate-50"
            >
              #{row.index + 1} ·{' '}
              {row.result.status === 'success'
                ? `${row.result.quiet_score} · ${row.band?.level ?? ''}`
                : 'failed'}{' '}
              · {row.result.lat}, {row.result.lng}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

import type { Problem } from '../lib/parse-locations';
import { SwapButton } from './swap-check';

export interface ProblemListProps {
  problems: Problem[];
  duplicates: Problem[];
  /** Swaps latitude and longitude on these lines (offered where they look given the wrong way round). */
  onSwap?: (lines: number[]) => void;
}

const SHOWN = 200;

/** Every problem with its line (or feature) number and the original text. */
export function ProblemList({ problems, duplicates, onSwap }: ProblemListProps) {
  if (problems.length === 0 && duplicates.length === 0) return null;
  return (
    <div className="flex flex-col gap-3">
      {problems.length > 0 && (
        <section
          aria-labelledby="problems-title"
          className="rounded-md border border-red-200 bg-red-50 p-3"
        >
          <h3 id="problems-title" className="text-sm font-semibold text-red-900">
            {problems.length} problem{problems.length === 1 ? '' : 's'} to fix
          </h3>
          <ol className="mt-2 flex max-h-64 flex-col gap-1 overflow-auto text-sm">
            {problems.slice(0, SHOWN).map((p, i) => (
              <li key={`${p.line}-${i}`} className="grid grid-cols-[4.5rem_1fr] gap-2">
                <span className="font-medium text-red-900 tabular-nums">
                  {p.line > 0 ? `Line ${p.line}` : 'Input'}
                </span>
                <span>
                  {p.message}
                  {p.raw && (
                    <code className="ml-2 rounded bg-white px-1 text-xs break-all text-slate-800">
                      {p.raw}
                    </code>
                  )}
                  {p.swappable && onSwap && (
                    <SwapButton line={p.line} onSwap={onSwap} className="ml-2" />
                  )}
                </span>
              </li>
            ))}
          </ol>
          {problems.length > SHOWN && (
            <p className="mt-1 text-xs text-red-900">…and {problems.length - SHOWN} more.</p>
          )}
        </section>
      )}
      {duplicates.length > 0 && (
        <details className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
          <summary className="cursor-pointer font-medium text-amber-950">
            {duplicates.length} duplicate{duplicates.length === 1 ? '' : 's'} at 6 decimals merged
          </summary>
          <ol className="mt-2 flex max-h-40 flex-col gap-1 overflow-auto">
            {duplicates.slice(0, SHOWN).map((d, i) => (
              <li key={`${d.line}-${i}`}>
                Line {d.line}: {d.message}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

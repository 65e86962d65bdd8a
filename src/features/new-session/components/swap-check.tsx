import { Button } from '@/components/ui/button';
import type { Coordinate } from '@/contract/schemas';

export interface SwapSuspect extends Coordinate {
  line: number;
}

export interface SwapCheckProps {
  /** Points no listing could be at, which swapped fall on land. */
  suspects: SwapSuspect[];
  /** Lines swapped by the user so far. */
  swappedCount: number;
  onSwap: (lines: number[]) => void;
  onUndo: () => void;
}

const SHOWN = 100;
const pair = (a: number, b: number) => `${a}, ${b}`;

/**
 * Points given longitude first: each at sea or in Antarctica, on land once swapped. Offered a
 * fix per row and for all; nothing is swapped without the user's say.
 */
export function SwapCheck({ suspects, swappedCount, onSwap, onUndo }: SwapCheckProps) {
  if (suspects.length === 0 && swappedCount === 0) return null;
  const n = suspects.length;
  return (
    <section
      aria-labelledby="swap-title"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      {n > 0 && (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id="swap-title" className="font-semibold">
              {n} location{n === 1 ? ' is' : 's are'} probably given longitude first
            </h3>
            <Button onClick={() => onSwap(suspects.map((s) => s.line))}>
              {n === 1 ? 'Swap it' : `Swap all ${n}`}
            </Button>
          </div>
          <p className="mt-1">
            Where {n === 1 ? 'it is' : 'they are'}, there is only sea (or Antarctica); with latitude
            and longitude swapped, {n === 1 ? 'it is' : 'they are'} on land.
          </p>
          <ol className="mt-2 flex max-h-64 flex-col gap-1 overflow-auto">
            {suspects.slice(0, SHOWN).map((s) => (
              <li key={s.line} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="w-16 font-medium tabular-nums">Line {s.line}</span>
                <span className="tabular-nums">
                  {pair(s.lat, s.lng)} → {pair(s.lng, s.lat)}
                </span>
                <SwapButton line={s.line} onSwap={onSwap} />
              </li>
            ))}
          </ol>
          {n > SHOWN && <p className="mt-1 text-xs">…and {n - SHOWN} more.</p>}
        </>
      )}
      {swappedCount > 0 && (
        <p className={n > 0 ? 'mt-2' : ''} role="status">
          {n === 0 && (
            <span id="swap-title" className="sr-only">
              Swapped locations
            </span>
          )}
          Latitude and longitude swapped on {swappedCount} line{swappedCount === 1 ? '' : 's'}.{' '}
          <Button variant="ghost" className="py-0.5" onClick={onUndo}>
            Undo
          </Button>
        </p>
      )}
    </section>
  );
}

/** Swaps latitude and longitude on one line. */
export function SwapButton({
  line,
  onSwap,
  className = '',
}: {
  line: number;
  onSwap: (lines: number[]) => void;
  className?: string;
}) {
  return (
    <Button
      variant="ghost"
      className={`py-0.5 ${className}`}
      aria-label={`Swap line ${line}`}
      onClick={() => onSwap([line])}
    >
      Swap
    </Button>
  );
}

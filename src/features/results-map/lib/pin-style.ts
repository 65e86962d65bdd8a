import { FAILED_COLOR } from '@/lib/score-bands';
import type { ResultRow } from '@/lib/results';
import type { CanvasPin } from './pin-canvas-layer';

export interface PinState {
  selected: boolean;
  hovered: boolean;
  deleted: boolean;
}

/**
 * Scored pins are filled dots in their band's color; failed pins are hollow grey rings, and
 * deleted listings dashed outlines: shape tells them apart, not color alone.
 */
export function pinStyle(row: ResultRow, state: PinState): CanvasPin {
  if (state.selected || state.hovered || state.deleted) return computePinStyle(row, state);
  // A plain pin depends on its row alone: a poll hands back the same pins for its old rows
  // instead of allocating 500 new ones (fewer young-generation GCs mid-poll).
  let pin = plainPins.get(row);
  if (!pin) plainPins.set(row, (pin = computePinStyle(row, state)));
  return pin;
}

const plainPins = new WeakMap<ResultRow, CanvasPin>();

function computePinStyle(row: ResultRow, { selected, hovered, deleted }: PinState): CanvasPin {
  const emphasis = selected ? 3 : hovered ? 1.5 : 0;
  const base = {
    lat: row.result.lat,
    lng: row.result.lng,
    radius: 6 + emphasis,
    front: selected || hovered,
  };
  if (deleted)
    return {
      ...base,
      fill: '#f8fafc',
      stroke: '#475569',
      strokeWidth: 1.5 + emphasis / 2,
      dashed: true,
    };
  if (row.band === null)
    return {
      ...base,
      fill: null,
      stroke: FAILED_COLOR,
      strokeWidth: 2.5 + emphasis / 2,
      dashed: false,
    };
  return {
    ...base,
    fill: row.band.color,
    stroke: selected ? '#0f172a' : '#1e293b',
    strokeWidth: selected ? 3 : hovered ? 2 : 1,
    dashed: false,
  };
}

/** The tooltip's lines: score and level, or the error. */
export function pinTooltip(row: ResultRow, deleted: boolean): string[] {
  const r = row.result;
  const where = `${r.lat.toFixed(4)}, ${r.lng.toFixed(4)}`;
  if (r.status === 'failed') return [`Failed: ${r.error}`, where];
  return [`Score ${r.quiet_score} · ${row.band?.level ?? ''}${deleted ? ' (deleted)' : ''}`, where];
}

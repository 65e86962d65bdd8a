import type { ResultRow } from '@/lib/results';
import { formatCoordinate } from '@/lib/units';
import { MAP_COLORS, type MapColors } from './map-theme';
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
export function pinStyle(
  row: ResultRow,
  state: PinState,
  colors: MapColors = MAP_COLORS.light,
): CanvasPin {
  if (state.selected || state.hovered || state.deleted) return computePinStyle(row, state, colors);
  // A plain pin depends on its row (and the theme) alone: a poll hands back the same pins for
  // its old rows instead of allocating 500 new ones (fewer young-generation GCs mid-poll).
  let cache = plainPins.get(colors);
  if (!cache) plainPins.set(colors, (cache = new WeakMap()));
  let pin = cache.get(row);
  if (!pin) cache.set(row, (pin = computePinStyle(row, state, colors)));
  return pin;
}

const plainPins = new Map<MapColors, WeakMap<ResultRow, CanvasPin>>();

function computePinStyle(
  row: ResultRow,
  { selected, hovered, deleted }: PinState,
  colors: MapColors,
): CanvasPin {
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
      fill: colors.deletedFill,
      stroke: colors.deletedStroke,
      strokeWidth: 1.5 + emphasis / 2,
      dashed: true,
    };
  if (row.band === null)
    return {
      ...base,
      fill: null,
      stroke: colors.failed,
      strokeWidth: 2.5 + emphasis / 2,
      dashed: false,
    };
  return {
    ...base,
    fill: row.band.color,
    stroke: selected ? colors.selectedOutline : colors.pinOutline,
    strokeWidth: selected ? 3 : hovered ? 2 : 1,
    dashed: false,
  };
}

/** The tooltip's lines: score and level, or the error. */
export function pinTooltip(row: ResultRow, deleted: boolean): string[] {
  const r = row.result;
  const where = `${formatCoordinate(r.lat)}, ${formatCoordinate(r.lng)}`;
  const named = row.label ? [row.label] : [];
  if (r.status === 'failed') return [...named, `Failed: ${r.error}`, where];
  return [
    ...named,
    `Score ${r.quiet_score} · ${row.band?.level ?? ''}${deleted ? ' (deleted)' : ''}`,
    where,
  ];
}

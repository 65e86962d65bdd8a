import { colorScale, type ColorScale } from '@/lib/color-modes';
import type { ResultRow } from '@/lib/results';
import { formatCoordinate } from '@/lib/units';
import { MAP_COLORS, type MapColors } from './map-theme';
import type { CanvasPin } from './pin-canvas-layer';

export interface PinState {
  selected: boolean;
  hovered: boolean;
  deleted: boolean;
}

const OVERALL = colorScale('overall', []);

/**
 * Scored pins are filled dots in their class's color (the score's band, or what the color
 * mode shows); failed pins are hollow grey rings, and deleted listings dashed outlines: shape
 * tells them apart, not color alone.
 */
export function pinStyle(
  row: ResultRow,
  state: PinState,
  colors: MapColors = MAP_COLORS.light,
  scale: ColorScale = OVERALL,
): CanvasPin {
  if (state.selected || state.hovered || state.deleted)
    return computePinStyle(row, state, colors, scale);
  // A plain pin depends on its row, the theme and the scale alone: a poll hands back the same
  // pins for its old rows instead of allocating 500 new ones (fewer young-generation GCs).
  let byScale = plainPins.get(colors);
  if (!byScale) plainPins.set(colors, (byScale = new Map()));
  let cache = byScale.get(scale.id);
  if (!cache) byScale.set(scale.id, (cache = new WeakMap()));
  let pin = cache.get(row);
  if (!pin) cache.set(row, (pin = computePinStyle(row, state, colors, scale)));
  return pin;
}

const plainPins = new Map<MapColors, Map<string, WeakMap<ResultRow, CanvasPin>>>();

function computePinStyle(
  row: ResultRow,
  { selected, hovered, deleted }: PinState,
  colors: MapColors,
  scale: ColorScale,
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
  const paint = scale.classOf(row);
  if (paint === null)
    return {
      ...base,
      fill: null,
      stroke: colors.failed,
      strokeWidth: 2.5 + emphasis / 2,
      dashed: false,
    };
  return {
    ...base,
    fill: paint.color,
    stroke: selected ? colors.selectedOutline : colors.pinOutline,
    strokeWidth: selected ? 3 : hovered ? 2 : 1,
    dashed: false,
  };
}

/** The tooltip's lines: score and level (and what the color mode shows), or the error. */
export function pinTooltip(
  row: ResultRow,
  deleted: boolean,
  scale: ColorScale = OVERALL,
): string[] {
  const r = row.result;
  const where = `${formatCoordinate(r.lat)}, ${formatCoordinate(r.lng)}`;
  const named = row.label ? [row.label] : [];
  if (r.status === 'failed') return [...named, `Failed: ${r.error}`, where];
  return [
    ...named,
    `Score ${r.quiet_score} · ${row.band?.level ?? ''}${deleted ? ' (deleted)' : ''}`,
    ...(scale.mode === 'overall' ? [] : [modeLine(row, scale)]),
    where,
  ];
}

function modeLine(row: ResultRow, scale: ColorScale): string {
  const value = scale.valueOf(row);
  const paint = scale.classOf(row);
  if (!value) return `${scale.title}: ${paint?.label ?? 'not loaded'}`;
  return `${scale.title}: ${value.text}${paint && paint.label !== value.text ? ` · ${paint.label}` : ''}`;
}

import type { CircleMarkerOptions } from 'leaflet';
import { FAILED_COLOR } from '@/lib/score-bands';
import type { ResultRow } from '@/lib/results';

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
  { selected, hovered, deleted }: PinState,
): CircleMarkerOptions {
  const emphasis = selected ? 3 : hovered ? 1.5 : 0;
  if (deleted) {
    return {
      radius: 6 + emphasis,
      color: '#475569',
      weight: 1.5 + emphasis / 2,
      dashArray: '3 3',
      fillColor: '#f8fafc',
      fillOpacity: 0.6,
    };
  }
  if (row.band === null) {
    return {
      radius: 6 + emphasis,
      color: FAILED_COLOR,
      weight: 2.5 + emphasis / 2,
      dashArray: undefined,
      fillOpacity: 0,
      fillColor: FAILED_COLOR,
    };
  }
  return {
    radius: 6 + emphasis,
    color: selected ? '#0f172a' : '#1e293b',
    weight: selected ? 3 : hovered ? 2 : 1,
    dashArray: undefined,
    fillColor: row.band.color,
    fillOpacity: 0.95,
  };
}

/** The tooltip's lines: score and level, or the error. */
export function pinTooltip(row: ResultRow, deleted: boolean): string[] {
  const r = row.result;
  const where = `${r.lat.toFixed(4)}, ${r.lng.toFixed(4)}`;
  if (r.status === 'failed') return [`Failed: ${r.error}`, where];
  return [`Score ${r.quiet_score} · ${row.band?.level ?? ''}${deleted ? ' (deleted)' : ''}`, where];
}

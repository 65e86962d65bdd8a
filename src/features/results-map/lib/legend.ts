import { NOT_ANALYZED, type ColorScale } from '@/lib/color-modes';

export interface LegendEntry {
  key: string;
  label: string;
  /** The class's range, e.g. "60–79". */
  range?: string;
  count: number;
  /** null: a hollow ring (failed results). */
  fill: string | null;
  stroke: string;
}

/**
 * The legend's lines, on screen and in the PNG alike: the scale's classes with their counts,
 * results whose analysis is not loaded (when any are), and the failed ones.
 */
export function legendEntries(
  scale: ColorScale,
  counts: ReadonlyMap<string, number>,
  failed: number,
  failedColor: string,
): LegendEntry[] {
  const notAnalyzed = counts.get(NOT_ANALYZED.key) ?? 0;
  return [
    ...scale.classes.map((c) => ({
      key: c.key,
      label: c.label,
      range: c.range,
      count: counts.get(c.key) ?? 0,
      fill: c.color,
      stroke: '#1e293b',
    })),
    ...(notAnalyzed > 0
      ? [
          {
            key: NOT_ANALYZED.key,
            label: NOT_ANALYZED.label,
            count: notAnalyzed,
            fill: NOT_ANALYZED.color,
            stroke: '#1e293b',
          },
        ]
      : []),
    { key: 'failed', label: 'Failed', count: failed, fill: null, stroke: failedColor },
  ];
}

/**
 * A category-axis tick drawn as plain SVG text. Recharts' default tick measures its text (for
 * wrapping) with getBoundingClientRect, which forces a layout of the whole page on every poll.
 */
export interface PlainTickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: string | number };
}

export function PlainTick({ x = 0, y = 0, payload }: PlainTickProps) {
  return (
    <text x={Number(x) - 6} y={y} dy="0.32em" textAnchor="end" fontSize={12} fill="#334155">
      {payload?.value}
    </text>
  );
}

export interface PlainValueLabelProps {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  height?: number | string;
  value?: number | string;
}

/** A bar's value at its right end, as plain text (no measuring, like PlainTick). */
export function PlainValueLabel({
  x = 0,
  y = 0,
  width = 0,
  height = 0,
  value,
}: PlainValueLabelProps) {
  return (
    <text
      x={Number(x) + Number(width) + 5}
      y={Number(y) + Number(height) / 2}
      dy="0.32em"
      fontSize={12}
      fill="#0f172a"
    >
      {value}
    </text>
  );
}

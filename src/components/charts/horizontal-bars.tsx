import { Layer, Surface } from 'recharts';

export interface BarRow {
  name: string;
  value: number;
  color: string;
}

export interface HorizontalBarsProps {
  rows: BarRow[];
  width: number;
  height: number;
  /** The value a full-width bar stands for. */
  max: number;
  labelWidth: number;
  /** Outline the bars (light fills need it on white). */
  outlined?: boolean;
  /** The chart's text equivalent, e.g. "Outcomes: Successful 40, Failed 2, Pending 458." */
  label: string;
}

const MARGIN = { left: 8, right: 36, top: 4, bottom: 4 };
/** Share of each row's band the bar fills, as Recharts' category bands do by default. */
const BAR_SHARE = 0.8;

/**
 * Horizontal bars with a category label and the value at each bar's end, drawn in Recharts'
 * Surface as plain rounded `<rect>`s. Not `<BarChart>`: its store re-derives the whole chart on
 * every data change, about 14 ms of main thread per chart per poll on our machines, for three to
 * five bars whose geometry is one division (docs/decisions/0005); not `<Rectangle>` either, which
 * builds and rounds a path string and runs its animation hooks on every change.
 *
 * One image to assistive technology, named by `label`: an attribute, where a visually hidden
 * caption was text that the browser laid out again on every poll.
 */
export function HorizontalBars({
  rows,
  width,
  height,
  max,
  labelWidth,
  outlined = false,
  label,
}: HorizontalBarsProps) {
  const left = MARGIN.left + labelWidth;
  const plotWidth = Math.max(0, width - left - MARGIN.right);
  const band = (height - MARGIN.top - MARGIN.bottom) / Math.max(1, rows.length);
  const barHeight = band * BAR_SHARE;
  const scale = plotWidth / Math.max(1, max);
  return (
    <div role="img" aria-label={label}>
      <Surface width={width} height={height}>
        {rows.map((row, i) => {
          const y = MARGIN.top + i * band + (band - barHeight) / 2;
          const barWidth = Math.max(0, row.value) * scale;
          const mid = y + barHeight / 2;
          return (
            <Layer key={row.name}>
              <text
                x={left - 6}
                y={mid}
                dy="0.32em"
                textAnchor="end"
                fontSize={12}
                className="fill-slate-700"
              >
                {row.name}
              </text>
              {barWidth > 0 && (
                <rect
                  x={left}
                  y={y}
                  width={barWidth}
                  height={barHeight}
                  rx={3}
                  style={{ fill: row.color }}
                  {...(outlined ? { className: 'stroke-slate-700', strokeWidth: 0.5 } : {})}
                />
              )}
              <text
                x={left + barWidth + 5}
                y={mid}
                dy="0.32em"
                fontSize={12}
                className="fill-slate-900"
              >
                {row.value}
              </text>
            </Layer>
          );
        })}
      </Surface>
    </div>
  );
}

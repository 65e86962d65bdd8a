import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from 'recharts';

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
}

/**
 * Horizontal bars with a category label and the value at each bar's end. Decorative: each chart
 * gives its own text equivalent. Labels are plain SVG text: Recharts' own text measures itself
 * with getBoundingClientRect, forcing a layout of the whole page on every poll.
 */
export function HorizontalBars({
  rows,
  width,
  height,
  max,
  labelWidth,
  outlined = false,
}: HorizontalBarsProps) {
  return (
    <div aria-hidden="true">
      <BarChart
        accessibilityLayer={false}
        width={width}
        height={height}
        data={rows}
        layout="vertical"
        margin={{ left: 8, right: 36, top: 4, bottom: 4 }}
      >
        <XAxis type="number" hide domain={[0, Math.max(1, max)]} />
        <YAxis
          type="category"
          dataKey="name"
          width={labelWidth}
          interval={0}
          tickLine={false}
          axisLine={false}
          tick={<PlainTick />}
        />
        <Bar
          dataKey="value"
          isAnimationActive={false}
          radius={3}
          {...(outlined ? { stroke: '#334155', strokeWidth: 0.5 } : {})}
        >
          {rows.map((r) => (
            <Cell key={r.name} fill={r.color} />
          ))}
          <LabelList dataKey="value" content={<PlainValueLabel />} />
        </Bar>
      </BarChart>
    </div>
  );
}

interface SvgTextProps {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  height?: number | string;
  value?: number | string;
  payload?: { value?: string | number };
}

function PlainTick({ x = 0, y = 0, payload }: SvgTextProps) {
  return (
    <text x={Number(x) - 6} y={y} dy="0.32em" textAnchor="end" fontSize={12} fill="#334155">
      {payload?.value}
    </text>
  );
}

function PlainValueLabel({ x = 0, y = 0, width = 0, height = 0, value }: SvgTextProps) {
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

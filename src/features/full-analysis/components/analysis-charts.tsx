import { memo, useMemo, type ReactNode } from 'react';
import { HorizontalBars, type BarRow } from '@/components/charts/horizontal-bars';
import { FilterChip } from '@/components/ui/filter-chip';
import { MODELED_NOTE, nightPenalty } from '@/lib/analysis';
import {
  colorScale,
  countByClass,
  signed,
  type ColorMode,
  type ColorScale,
} from '@/lib/color-modes';
import type { ResultRow } from '@/lib/results';
import { SCORE_BANDS } from '@/lib/score-bands';
import { useOnScreenValue } from '@/lib/use-on-screen-value';

export interface AnalysisChartsProps {
  rows: readonly ResultRow[];
  /** The map's color mode: its chart is marked as the one the map shows. */
  mode: ColorMode;
  /** Dominant-source categories selected as a filter of the map and table. */
  sources: readonly string[];
  nightBelow: number | null;
  onToggleSource: (category: string) => void;
  onNightBelow: (value: number | null) => void;
}

const CHART = { width: 300, labelWidth: 132 };
const DAY = colorScale('day', []);
const NIGHT = colorScale('night', []);
const PENALTY = colorScale('night-penalty', []);

/**
 * The full analysis across the session: listings by dominant noise source (its chips filter
 * the map and table), day and night scores by band, and the night penalty; with the night-score
 * filter. Counts are of the listings whose analysis is loaded.
 */
export function AnalysisCharts({ mode, ...props }: AnalysisChartsProps) {
  // The mode only marks a chart, by CSS: a switch restyles, and the charts do not render again;
  // below the fold, in idle time rather than in the switch's frame.
  const [shownMode, seenRef] = useOnScreenValue(mode);
  return (
    <div ref={seenRef} className="group" data-mode={shownMode}>
      <ChartGrid {...props} />
    </div>
  );
}

const ChartGrid = memo(function ChartGrid(props: Omit<AnalysisChartsProps, 'mode'>) {
  const { rows, sources, nightBelow } = props;
  const analyzed = useMemo(() => rows.filter((r) => r.analysis), [rows]);
  const sourceScale = useMemo(() => colorScale('source', analyzed), [analyzed]);
  const bySource = useMemo(() => countByClass(sourceScale, analyzed), [sourceScale, analyzed]);
  // Counted by the map's own scales: a chart's classes are the legend's of its mode.
  const counts = useMemo(
    () => ({
      day: countByClass(DAY, analyzed),
      night: countByClass(NIGHT, analyzed),
      penalty: countByClass(PENALTY, analyzed),
    }),
    [analyzed],
  );
  const median = useMemo(() => {
    const penalties = analyzed.flatMap((r) => (r.analysis ? [nightPenalty(r.analysis)] : []));
    return penalties.sort((a, b) => a - b)[Math.floor(penalties.length / 2)] ?? 0;
  }, [analyzed]);
  if (analyzed.length === 0) return null;

  const bandBars = (counts: ReadonlyMap<string, number>) =>
    SCORE_BANDS.map((b) => ({ name: b.level, value: counts.get(b.level) ?? 0, color: b.color }));
  const dayBars = bandBars(counts.day);
  const nightBars = bandBars(counts.night);
  const bandMax = Math.max(1, ...dayBars.map((b) => b.value), ...nightBars.map((b) => b.value));
  const sourceBars = sourceScale.classes
    .map((c) => ({ name: c.label, value: bySource.get(c.key) ?? 0, color: c.color, key: c.key }))
    .filter((b) => b.value > 0);

  return (
    <div className="flex flex-col gap-3">
      <p className="text-xs text-slate-600">
        {analyzed.length} listing{analyzed.length === 1 ? '' : 's'} with their full analysis; noise
        levels are {MODELED_NOTE}.
      </p>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Figure title="Dominant noise source" chart="source">
          <HorizontalBars
            rows={sourceBars}
            width={CHART.width}
            height={Math.max(60, 26 * sourceBars.length + 8)}
            max={Math.max(1, ...sourceBars.map((b) => b.value))}
            labelWidth={CHART.labelWidth}
            outlined
            label={`Listings by dominant noise source: ${sourceBars.map((b) => `${b.name} ${b.value}`).join(', ')}.`}
          />
          <div
            className="mt-2 flex flex-wrap gap-1.5"
            role="group"
            aria-label="Filter by dominant noise source"
          >
            {sourceBars.map((b) => (
              <FilterChip
                key={b.key}
                label={b.name}
                color={b.color}
                pressed={sources.includes(b.key)}
                value={b.key}
                onToggle={props.onToggleSource}
              />
            ))}
          </div>
        </Figure>
        <Figure title="Day scores by band" chart="day">
          <BandBars name="Day scores" bars={dayBars} max={bandMax} />
        </Figure>
        <Figure title="Night scores by band" chart="night">
          <BandBars name="Night scores" bars={nightBars} max={bandMax} />
          <NightBelowInput value={nightBelow} onChange={props.onNightBelow} />
        </Figure>
        <Figure title="Night penalty (day − night score)" chart="night-penalty">
          <PenaltyBars scale={PENALTY} counts={counts.penalty} />
          <p className="mt-1 text-xs text-slate-600">
            Median {signed(median)}: the night scores {median > 0 ? 'lower' : 'higher'} than the day
            for half the listings or more.
          </p>
        </Figure>
      </div>
    </div>
  );
});

/** Per chart, its look when the map shows its mode (`data-mode` on the group). */
const SHOWN: Record<string, { figure: string; note: string }> = {
  source: {
    figure: 'group-data-[mode=source]:border-teal-700 group-data-[mode=source]:ring-1',
    note: 'group-data-[mode=source]:visible',
  },
  day: {
    figure: 'group-data-[mode=day]:border-teal-700 group-data-[mode=day]:ring-1',
    note: 'group-data-[mode=day]:visible',
  },
  night: {
    figure: 'group-data-[mode=night]:border-teal-700 group-data-[mode=night]:ring-1',
    note: 'group-data-[mode=night]:visible',
  },
  'night-penalty': {
    figure:
      'group-data-[mode=night-penalty]:border-teal-700 group-data-[mode=night-penalty]:ring-1',
    note: 'group-data-[mode=night-penalty]:visible',
  },
};

function Figure({ title, chart, children }: { title: string; chart: string; children: ReactNode }) {
  const shown = SHOWN[chart];
  return (
    <figure
      className={`rounded-md border border-slate-200 p-2 ring-teal-700 ${shown?.figure ?? ''}`}
    >
      <figcaption className="mb-1 text-xs font-semibold text-slate-800">
        {title}
        {/* Hidden, not removed: a switch then repaints the caption without laying it out. */}
        <span className={`invisible ml-1 font-normal text-teal-800 ${shown?.note ?? ''}`}>
          · on the map
        </span>
      </figcaption>
      {children}
    </figure>
  );
}

/** Scores per band, on a scale shared by day and night so that their bars compare. */
function BandBars({ name, bars, max }: { name: string; bars: BarRow[]; max: number }) {
  return (
    <HorizontalBars
      rows={bars}
      width={CHART.width}
      height={150}
      max={max}
      labelWidth={CHART.labelWidth}
      outlined
      label={`${name}: ${bars.map((b) => `${b.name} ${b.value}`).join(', ')}.`}
    />
  );
}

function PenaltyBars({ scale, counts }: { scale: ColorScale; counts: Map<string, number> }) {
  const bars = scale.classes.map((c) => ({
    name: c.range ?? c.label,
    value: counts.get(c.key) ?? 0,
    color: c.color,
  }));
  return (
    <HorizontalBars
      rows={bars}
      width={CHART.width}
      height={150}
      max={Math.max(1, ...bars.map((b) => b.value))}
      labelWidth={CHART.labelWidth}
      outlined
      label={`Night penalty: ${scale.classes.map((c, i) => `${c.label} ${bars[i]?.value ?? 0}`).join(', ')}.`}
    />
  );
}

function NightBelowInput({
  value,
  onChange,
}: {
  value: number | null;
  onChange: (value: number | null) => void;
}) {
  return (
    <label className="mt-2 flex items-center gap-2 text-xs text-slate-700">
      Show only night scores below
      <input
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        step={1}
        value={value ?? ''}
        placeholder="any"
        onChange={(e) => {
          const n = Number(e.target.value);
          onChange(
            e.target.value === '' || !Number.isInteger(n) ? null : Math.min(100, Math.max(1, n)),
          );
        }}
        className="min-h-8 w-20 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
      />
    </label>
  );
}

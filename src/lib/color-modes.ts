/**
 * What the map, legend, table badges and charts color results by: the overall score (the
 * status's own), or, once the full analysis is loaded, the day score, the night score, the night
 * penalty or the dominant noise source. The mode is the `?color=` search param.
 */
import { dominantSource, nightPenalty } from './analysis';
import { appendOnlyFold } from './append-only';
import type { ResultRow } from './results';
import { bandForScore, SCORE_BANDS } from './score-bands';

export const COLOR_MODES = [
  { id: 'overall', label: 'Overall score' },
  { id: 'day', label: 'Day score' },
  { id: 'night', label: 'Night score' },
  { id: 'night-penalty', label: 'Night penalty' },
  { id: 'source', label: 'Dominant source' },
] as const;
export type ColorMode = (typeof COLOR_MODES)[number]['id'];

export function readColorMode(params: URLSearchParams): ColorMode {
  const value = params.get('color');
  return COLOR_MODES.find((m) => m.id === value)?.id ?? 'overall';
}

export interface ColorClass {
  key: string;
  label: string;
  /** Its range of values ("60–79"), when it has one. */
  range?: string;
  color: string;
  /** Text on `color` that passes WCAG AA. */
  textColor: string;
}

export interface ColorScale {
  mode: ColorMode;
  /** Equal for scales that color every row alike (the mode and its classes). */
  id: string;
  /** Names the scale in the legend and the table's column. */
  title: string;
  /** In legend order; for an ordered scale, from best to worst. */
  classes: readonly ColorClass[];
  /** Clusters take their worst class (ordered), or their one class, else `MIXED` (categorical). */
  ordered: boolean;
  /** The row's class: null for a failed result, `NOT_ANALYZED` when its analysis is not loaded. */
  classOf(row: ResultRow): ColorClass | null;
  /** What the table's badge says of the row (null: failed or not loaded). */
  valueOf(row: ResultRow): { text: string; sort: number | string } | null;
}

export const NOT_ANALYZED: ColorClass = {
  key: 'not-analyzed',
  label: 'Analysis not loaded',
  color: '#cbd5e1',
  textColor: '#0f172a',
};
/** A cluster of pins of different categories. */
export const MIXED: ColorClass = {
  key: 'mixed',
  label: 'Mixed',
  color: '#94a3b8',
  textColor: '#0f172a',
};

const BAND_CLASSES: readonly ColorClass[] = SCORE_BANDS.map((b) => ({
  key: b.level,
  label: b.level,
  range: `${b.min}–${b.max}`,
  color: b.color,
  textColor: b.textColor,
}));

const overall: ColorScale = {
  mode: 'overall',
  id: 'overall',
  title: 'Quiet Score',
  classes: BAND_CLASSES,
  ordered: true,
  classOf: (row) => (row.band ? (BAND_CLASSES[SCORE_BANDS.indexOf(row.band)] ?? null) : null),
  valueOf: (row) =>
    row.result.status === 'success'
      ? { text: String(row.result.quiet_score), sort: row.result.quiet_score }
      : null,
};

function periodScale(mode: 'day' | 'night'): ColorScale {
  const scoreOf = (row: ResultRow) =>
    row.analysis?.quiet_day_night[mode === 'day' ? 'quiet_score_day' : 'quiet_score_night'];
  return {
    mode,
    id: mode,
    title: mode === 'day' ? 'Day score' : 'Night score',
    classes: BAND_CLASSES,
    ordered: true,
    classOf(row) {
      if (!row.band) return null;
      const score = scoreOf(row);
      if (score === undefined) return NOT_ANALYZED;
      return BAND_CLASSES[SCORE_BANDS.indexOf(bandForScore(score))] ?? null;
    },
    valueOf(row) {
      const score = row.band ? scoreOf(row) : undefined;
      return score === undefined ? null : { text: String(score), sort: score };
    },
  };
}

/** Night penalty classes, from a night much better than the day to one much worse. */
const PENALTY_CLASSES: readonly ColorClass[] = [
  {
    key: 'much-better',
    label: 'Night better by 10+',
    range: '≤ −10',
    color: '#4575b4',
    textColor: '#ffffff',
  },
  {
    key: 'better',
    label: 'Night better by 3–9',
    range: '−9 to −3',
    color: '#91bfdb',
    textColor: '#0f172a',
  },
  {
    key: 'same',
    label: 'About the same',
    range: '−2 to +2',
    color: '#fee090',
    textColor: '#0f172a',
  },
  {
    key: 'worse',
    label: 'Night worse by 3–9',
    range: '+3 to +9',
    color: '#fc8d59',
    textColor: '#0f172a',
  },
  {
    key: 'much-worse',
    label: 'Night worse by 10+',
    range: '≥ +10',
    color: '#d73027',
    textColor: '#ffffff',
  },
];

export function penaltyClass(penalty: number): ColorClass {
  const at = penalty <= -10 ? 0 : penalty <= -3 ? 1 : penalty <= 2 ? 2 : penalty <= 9 ? 3 : 4;
  return PENALTY_CLASSES[at] as ColorClass;
}

export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

const penalty: ColorScale = {
  mode: 'night-penalty',
  id: 'night-penalty',
  title: 'Night penalty (day − night score)',
  classes: PENALTY_CLASSES,
  ordered: true,
  classOf: (row) =>
    !row.band ? null : row.analysis ? penaltyClass(nightPenalty(row.analysis)) : NOT_ANALYZED,
  valueOf(row) {
    if (!row.band || !row.analysis) return null;
    const p = nightPenalty(row.analysis);
    return { text: signed(p), sort: p };
  },
};

/**
 * Colors of the documented categories (and the emulator's urban one), from the Okabe–Ito
 * palette, which stays distinct under the common color-vision deficiencies; categories the API
 * adds get the palette's remaining colors in order of frequency, and past those, "Other".
 */
const SOURCE_COLORS: Record<string, { color: string; textColor: string }> = {
  major_highways: { color: '#d55e00', textColor: '#0f172a' },
  airports: { color: '#0072b2', textColor: '#ffffff' },
  restaurants: { color: '#e69f00', textColor: '#0f172a' },
  populated_places: { color: '#cc79a7', textColor: '#0f172a' },
};
const EXTRA_SOURCE_COLORS = ['#009e73', '#56b4e9', '#f0e442'];
const NO_SOURCE: ColorClass = {
  key: 'none',
  label: 'No source listed',
  color: '#ffffff',
  textColor: '#0f172a',
};
const OTHER_SOURCE: ColorClass = {
  key: 'other',
  label: 'Other sources',
  color: '#a3a3a3',
  textColor: '#0f172a',
};

/** The dominant source's category key of a row with its analysis ('none' when none is listed). */
export const sourceKeyOf = (row: ResultRow): string | null =>
  row.analysis ? (dominantSource(row.analysis)?.category ?? NO_SOURCE.key) : null;

/** Per dominant source's category: its rows, and the name its first row gives it. */
type SourceCounts = Map<string, { n: number; name: string }>;

function countSource(counts: SourceCounts, row: ResultRow) {
  const source = row.analysis ? dominantSource(row.analysis) : undefined;
  if (!source) return;
  const c = counts.get(source.category);
  if (c) c.n++;
  else counts.set(source.category, { n: 1, name: source.name });
}

/** The counts of a list of rows, kept: given rows appended to the last, counts just those. */
const countSources = () =>
  appendOnlyFold<ResultRow, SourceCounts>(
    () => new Map(),
    countSource,
    (counts) => new Map([...counts].map(([k, c]) => [k, { ...c }])),
  );

function sourceScale(counts: SourceCounts): ColorScale {
  const known = Object.keys(SOURCE_COLORS).filter((k) => counts.has(k));
  const unknown = [...counts.keys()]
    .filter((k) => !(k in SOURCE_COLORS))
    .sort((a, b) => (counts.get(b)?.n ?? 0) - (counts.get(a)?.n ?? 0) || a.localeCompare(b));
  const classes: ColorClass[] = [
    ...known.map((key) => ({
      key,
      label: counts.get(key)?.name ?? key,
      ...(SOURCE_COLORS[key] as { color: string; textColor: string }),
    })),
    ...unknown.slice(0, EXTRA_SOURCE_COLORS.length).map((key, i) => ({
      key,
      label: counts.get(key)?.name ?? key,
      color: EXTRA_SOURCE_COLORS[i] as string,
      textColor: '#0f172a',
    })),
  ];
  if (unknown.length > EXTRA_SOURCE_COLORS.length) classes.push(OTHER_SOURCE);
  classes.push(NO_SOURCE);
  const byKey = new Map(classes.map((c) => [c.key, c]));
  return {
    mode: 'source',
    id: `source:${classes.map((c) => c.key).join(',')}`,
    title: 'Dominant noise source',
    classes,
    ordered: false,
    classOf(row) {
      if (!row.band) return null;
      const key = sourceKeyOf(row);
      return key === null ? NOT_ANALYZED : (byKey.get(key) ?? OTHER_SOURCE);
    },
    valueOf(row) {
      if (!row.band || !row.analysis) return null;
      const source = dominantSource(row.analysis);
      const text = source?.name ?? 'none listed';
      return { text, sort: text };
    },
  };
}

const FIXED: Record<Exclude<ColorMode, 'source'>, ColorScale> = {
  overall,
  day: periodScale('day'),
  night: periodScale('night'),
  'night-penalty': penalty,
};

/** The scale of `mode` for these rows (the source scale lists the categories they hold). */
export function colorScale(mode: ColorMode, rows: readonly ResultRow[]): ColorScale {
  return mode === 'source' ? sourceScale(countSources()(rows)) : FIXED[mode];
}

/**
 * `colorScale`, kept between calls: in the source mode only the rows a poll appended are
 * counted, and a scale that colors every row as the last one did (same `id`) is the last one
 * itself, so what is kept per scale (pin styles, the cluster index, the table's order) holds
 * across polls instead of being made again for each.
 */
export function keptColorScale(): (mode: ColorMode, rows: readonly ResultRow[]) => ColorScale {
  const countsOf = countSources();
  let last: ColorScale | null = null;
  return (mode, rows) => {
    const next = mode === 'source' ? sourceScale(countsOf(rows)) : FIXED[mode];
    if (next.id !== last?.id) last = next;
    return last;
  };
}

/** Rows per class of `scale` (failed rows are not counted), for legends and charts. */
export function countByClass(scale: ColorScale, rows: Iterable<ResultRow>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const c = scale.classOf(row);
    if (c) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
  }
  return counts;
}

import { createContext, memo, use, useMemo, useState, type UIEvent } from 'react';
import { dominantSource } from '@/lib/analysis';
import { COLOR_MODES, colorScale, type ColorScale } from '@/lib/color-modes';
import type { ResultRow } from '@/lib/results';
import { formatCoordinate, milesAndKm } from '@/lib/units';
import type { SortKey, TableState } from '../lib/table-state';
import { parseApiTimestamp } from '@/contract/timestamps';
import { formatAbsolute, formatIsoUtc } from '@/lib/time-format';
import { useOnScreenValue } from '@/lib/use-on-screen-value';

export interface ResultsTableProps {
  rows: readonly ResultRow[];
  /** Locations the session has yet to process, shown after the rows (0 when filtered). */
  pending: number;
  sort: TableState['sort'];
  dir: TableState['dir'];
  selectedIndex: number | null;
  hoveredIndex: number | null;
  deletedListingIds: ReadonlySet<string>;
  /** The user's own columns (from their input rows), shown after `#`, sortable. */
  inputColumns?: readonly string[];
  /** The full analysis is loaded: day and night scores and the loudest source get columns. */
  analysisColumns?: boolean;
  /** What the score column shows, as the map's colors (the color mode). */
  scale?: ColorScale;
  /** Rows of a run's several sessions: a column names each row's. */
  sessionColumn?: boolean;
  onSort: (key: SortKey) => void;
  onSelect: (index: number) => void;
  onHover: (index: number | null) => void;
}

interface Column {
  id: string;
  key: SortKey | null;
  label: string;
  width: string;
}

const NO_COLUMNS: readonly string[] = [];

const SESSION_COLUMN: Column = { id: 'session', key: null, label: 'Session', width: '11rem' };

/** The user's columns after `#` (and the session's): each sortable, named as their file does. */
function withInputColumns(input: readonly string[], session: boolean): Column[] {
  const [first, ...rest] = COLUMNS as [Column, ...Column[]];
  return [
    first,
    ...(session ? [SESSION_COLUMN] : []),
    ...input.map((label, i): Column => ({
      id: `input:${i}`,
      key: `input:${i}`,
      label,
      width: '10rem',
    })),
    ...rest,
  ];
}

/** With the full analysis: day / night scores and modeled dBA, the dominant source. */
const ANALYSIS_COLUMNS: Column[] = [
  { id: 'day-night', key: null, label: 'Day / night', width: '7.5rem' },
  { id: 'dba', key: null, label: 'dBA day / night', width: '9rem' },
  { id: 'source', key: null, label: 'Dominant source', width: '15rem' },
];
const ANALYSIS_WIDTH_REM = 31.5;
const OVERALL = colorScale('overall', []);

/** Fixed column widths: a poll that adds rows never re-measures the columns. */
const COLUMNS: Column[] = [
  { id: 'index', key: 'index', label: '#', width: '4rem' },
  // Fits the longest coordinate pair at 5 decimals ("-89.12345, -179.12345"), so never clips.
  { id: 'location', key: null, label: 'Location', width: '12.5rem' },
  { id: 'status', key: 'status', label: 'Status', width: '7rem' },
  { id: 'score', key: 'score', label: 'Score', width: '11rem' },
  { id: 'listing', key: null, label: 'Listing ID or error', width: 'auto' },
  { id: 'analyzed', key: 'analyzed', label: 'Analyzed', width: '14.5rem' },
];

/** The results, linked with the map: hover highlights the pin, a row opens its details. */
const ROW_HEIGHT = 33;
const VIEW_HEIGHT = 448;
/**
 * Rows rendered beyond each edge of the view. Each rendered row is laid out again when the color
 * mode changes its badge, so the margin is kept to what wheel and keyboard scrolling need.
 */
const OVERSCAN = 2;

/**
 * Windowed: only the rows in view (plus a margin) are in the DOM, so a poll that adds rows to a
 * 500-row table lays out a few dozen rows, not all of them. Rows have a fixed height.
 *
 * While the session runs, the pending locations take their rows' room after the results, so the
 * table is as tall as the session from the start: a poll whose new rows fall below the window
 * changes nothing in the table's scroller (a growing scroller was repainted every poll).
 */
export const ResultsTable = memo(function ResultsTable(props: ResultsTableProps) {
  const { rows, pending, sort, dir, selectedIndex, hoveredIndex, deletedListingIds } = props;
  const inputColumns = props.inputColumns ?? NO_COLUMNS;
  const analysis = props.analysisColumns ?? false;
  const session = props.sessionColumn ?? false;
  // Below the fold, the badges follow a color-mode switch in idle time, not in its frame.
  const [scale, seenRef] = useOnScreenValue(props.scale ?? OVERALL);
  const scoreLabel =
    scale.mode === 'overall' ? 'Score' : COLOR_MODES.find((m) => m.id === scale.mode)?.label;
  const columns = useMemo(
    () =>
      [...withInputColumns(inputColumns, session), ...(analysis ? ANALYSIS_COLUMNS : [])].map(
        (c) => (c.id === 'score' ? { ...c, label: scoreLabel ?? c.label } : c),
      ),
    [inputColumns, session, analysis, scoreLabel],
  );
  const [scrollTop, setScrollTop] = useState(0);
  const height = rows.length + pending;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(height, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const from = Math.min(first, rows.length);
  const to = Math.min(last, rows.length);
  // The "still processing" row follows the results once the window reaches them.
  const pendingRow = pending > 0 && last > rows.length;
  const below = height - (pendingRow ? rows.length + 1 : to);
  return (
    <div
      ref={seenRef}
      className="@container max-h-[28rem] overflow-auto rounded-md border border-slate-200 [contain:strict] will-change-transform"
      style={{ height: Math.min(VIEW_HEIGHT, (height + 1) * ROW_HEIGHT + 2) }}
      onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <table
        className="w-full table-fixed border-collapse text-sm"
        style={{
          minWidth: `${55 + 10 * inputColumns.length + (session ? 11 : 0) + (analysis ? ANALYSIS_WIDTH_REM : 0)}rem`,
        }}
        aria-rowcount={rows.length + 1 + (pending > 0 ? 1 : 0)}
      >
        <caption className="sr-only">
          Session results; choose a location to open its details
        </caption>
        <TableHead columns={columns} sort={sort} dir={dir} onSort={props.onSort} />
        <tbody>
          {from > 0 && <tr aria-hidden="true" style={{ height: from * ROW_HEIGHT }} />}
          <ScaleContext value={scale}>
            {rows.slice(from, to).map((row) => (
              <TableRow
                key={row.index}
                row={row}
                selected={row.index === selectedIndex}
                hovered={row.index === hoveredIndex}
                deleted={deletedListingIds.has(row.selectionKey)}
                inputColumns={inputColumns.length}
                session={session}
                analysis={analysis}
                onSelect={props.onSelect}
                onHover={props.onHover}
              />
            ))}
          </ScaleContext>
          {pendingRow && (
            <tr aria-rowindex={rows.length + 2} style={{ height: ROW_HEIGHT }}>
              <td colSpan={columns.length} className="px-2 py-1.5 text-slate-600 italic">
                {pending} {pending === 1 ? 'location' : 'locations'} still processing…
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {/* The rows below the window, outside the table: scrolling room, never laid out as rows. */}
      {below > 0 && <div style={{ height: below * ROW_HEIGHT }} />}
      {rows.length === 0 && pending === 0 && (
        <p className="p-4 text-sm text-slate-600">No result matches these filters.</p>
      )}
    </div>
  );
});

interface TableRowProps {
  row: ResultRow;
  selected: boolean;
  hovered: boolean;
  deleted: boolean;
  /** How many of the user's columns the table shows (their values are the row's input). */
  inputColumns: number;
  /** The session column is shown. */
  session: boolean;
  /** The analysis columns are shown (their values are the row's analysis). */
  analysis: boolean;
  onSelect: (index: number) => void;
  onHover: (index: number | null) => void;
}

/**
 * A clipped cell costs Chromium a paint chunk of its own, and every poll that changes the charts
 * re-sorts all chunks into layers: so clip only a cell whose text can overflow — any text when the
 * table is narrow, and only text longer than a listing UUID when it is wide (the column then has
 * room for 40 characters). The user's columns, or the analysis's, take that room: then it is
 * always clipped.
 */
function clipClass(text: string, narrow: boolean): string {
  return text.length > 40 || narrow ? 'truncate' : '@max-[66rem]:truncate';
}

/**
 * The columns and their headers: rendered again only when the columns or the sort change, not
 * when a poll adds rows.
 */
const TableHead = memo(function TableHead({
  columns,
  sort,
  dir,
  onSort,
}: {
  columns: Column[];
  sort: SortKey;
  dir: TableState['dir'];
  onSort: (key: SortKey) => void;
}) {
  return (
    <>
      <colgroup>
        {columns.map((c) => (
          <col key={c.id} style={{ width: c.width }} />
        ))}
      </colgroup>
      <thead className="sticky top-0 z-10 bg-slate-50 text-left text-xs text-slate-700 uppercase">
        <tr>
          {columns.map((c) => (
            <th
              key={c.id}
              scope="col"
              className="truncate px-2 py-2 font-semibold"
              aria-sort={
                c.key && sort === c.key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined
              }
            >
              {c.key ? (
                <button
                  type="button"
                  onClick={() => onSort(c.key as SortKey)}
                  // The score column's is its own layout root: a color-mode switch renames the
                  // column, and a label laid out with the table lays the whole table out again.
                  className={`flex items-center gap-1 uppercase ${c.id === 'score' ? 'h-4 w-full [contain:strict]' : ''}`}
                >
                  {c.label}
                  <span aria-hidden="true">
                    {sort === c.key ? (dir === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              ) : (
                c.label
              )}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
});

/** One row; re-renders only when its own result or highlight changes (not the color mode's). */
const TableRow = memo(function TableRow({
  row,
  selected,
  hovered,
  deleted,
  inputColumns,
  session,
  analysis,
  onSelect,
  onHover,
}: TableRowProps) {
  const r = row.result;
  const text = r.status === 'success' ? r.listing_id : r.error;
  return (
    <tr
      aria-rowindex={row.index + 2}
      data-result-index={row.index}
      onMouseEnter={() => onHover(row.index)}
      onMouseLeave={() => onHover(null)}
      aria-selected={selected}
      style={{ height: ROW_HEIGHT }}
      className={`border-t border-slate-100 ${selected ? 'bg-teal-50' : hovered ? 'bg-slate-100' : ''}`}
    >
      <td className="px-2 py-1.5 text-slate-600 tabular-nums">{row.index + 1}</td>
      {session && (
        <td className="truncate px-2 py-1.5 font-mono text-xs" title={row.sessionId}>
          {row.sessionId}
        </td>
      )}
      {Array.from({ length: inputColumns }, (_, i) => {
        const value = row.input?.values[i] ?? '';
        return (
          <td key={i} className="truncate px-2 py-1.5" title={value}>
            {value}
          </td>
        );
      })}
      <td className="px-2 py-1.5">
        <button
          type="button"
          onClick={() => onSelect(row.index)}
          onFocus={() => onHover(row.index)}
          onBlur={() => onHover(null)}
          title={`${r.lat}, ${r.lng}`}
          className="text-left whitespace-nowrap text-teal-800 underline tabular-nums"
        >
          {formatCoordinate(r.lat)}, {formatCoordinate(r.lng)}
        </button>
      </td>
      <td className="px-2 py-1.5">{deleted ? 'deleted' : r.status}</td>
      <td className="px-2 py-1.5">
        <div className="h-5 truncate [contain:strict]">
          <ScoreBadge row={row} />
        </div>
      </td>
      <td
        className={`${clipClass(text, inputColumns > 0 || analysis || session)} px-2 py-1.5 font-mono text-xs`}
        title={text}
      >
        {r.status === 'success' ? (
          r.listing_id
        ) : (
          <span className="font-sans text-red-800">{r.error}</span>
        )}
      </td>
      <td className="px-2 py-1.5 text-xs whitespace-nowrap text-slate-700">
        <AnalyzedAt value={r.analyzed_at} />
      </td>
      {analysis && <AnalysisCells row={row} />}
    </tr>
  );
});

/** When a result was analyzed, in the user's zone (named), as every screen shows times. */
const AnalyzedAt = memo(function AnalyzedAt({ value }: { value: string }) {
  const ms = parseApiTimestamp(value);
  if (ms === null) return value;
  return <time dateTime={formatIsoUtc(ms)}>{formatAbsolute(ms)}</time>;
});

/**
 * What the score column shows (the color mode), read by each row's badge: a switch of the mode
 * renders the badges again, not the rows around them.
 */
const ScaleContext = createContext<ColorScale>(OVERALL);

/** The score column: the value the color mode shows, in its class's color, and the class. */
function ScoreBadge({ row }: { row: ResultRow }) {
  const scale = use(ScaleContext);
  const value = scale.valueOf(row);
  const paint = scale.classOf(row);
  if (!paint) return '—';
  if (!value)
    return (
      <span className="text-xs text-slate-600">
        {row.analysisProblem ? 'analysis unavailable' : 'not loaded'}
      </span>
    );
  return (
    <span className="inline-flex items-center gap-1.5 tabular-nums">
      <span
        aria-hidden="true"
        className="h-2.5 w-2.5 shrink-0 rounded-full border border-slate-700"
        style={{ background: paint.color }}
      />
      {value.text}
      {/* Always there (empty when the value says it all): a switch changes text, not nodes. */}
      <span className="text-xs text-slate-600">
        {paint.label !== value.text && scale.mode !== 'source' ? paint.label : ''}
      </span>
    </span>
  );
}

/**
 * Day / night scores, their modeled dBA, and the dominant (loudest) source with its distance;
 * a listing whose analysis failed or broke the contract says so.
 */
const AnalysisCells = memo(function AnalysisCells({ row }: { row: ResultRow }) {
  const a = row.analysis;
  const problem = row.analysisProblem;
  if (!a)
    return (
      <>
        {problem ? (
          <td className="truncate px-2 py-1.5 text-xs text-amber-900" title={problem.message}>
            unavailable
          </td>
        ) : (
          <td className="px-2 py-1.5 text-slate-500">—</td>
        )}
        <td className="px-2 py-1.5 text-slate-500">—</td>
        <td className="px-2 py-1.5 text-slate-500">—</td>
      </>
    );
  const dn = a.quiet_day_night;
  const source = dominantSource(a);
  const sourceText = source ? `${source.name} · ${milesAndKm(source.distance)}` : 'none listed';
  return (
    <>
      <td className="px-2 py-1.5 whitespace-nowrap tabular-nums">
        {dn.quiet_score_day} / {dn.quiet_score_night}
      </td>
      <td className="px-2 py-1.5 whitespace-nowrap tabular-nums" title="Estimated, modeled">
        {dn.estimated_noise_db_day} / {dn.estimated_noise_db_night}
      </td>
      <td className="truncate px-2 py-1.5 text-xs" title={source ? source.nearest_source : ''}>
        {sourceText}
      </td>
    </>
  );
});

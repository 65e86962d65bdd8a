import { memo } from 'react';
import type { ResultRow } from '@/lib/results';
import type { SortKey, TableState } from '../lib/table-state';

export interface ResultsTableProps {
  rows: readonly ResultRow[];
  state: TableState;
  selectedIndex: number | null;
  hoveredIndex: number | null;
  deletedListingIds: ReadonlySet<string>;
  onSort: (key: SortKey) => void;
  onSelect: (index: number) => void;
  onHover: (index: number | null) => void;
}

const COLUMNS: { key: SortKey | null; label: string }[] = [
  { key: 'index', label: '#' },
  { key: null, label: 'Location' },
  { key: 'status', label: 'Status' },
  { key: 'score', label: 'Score' },
  { key: null, label: 'Listing ID or error' },
  { key: 'analyzed', label: 'Analyzed' },
];

/** The results, linked with the map: hover highlights the pin, a row opens its details. */
export const ResultsTable = memo(function ResultsTable(props: ResultsTableProps) {
  const { rows, state, selectedIndex, hoveredIndex, deletedListingIds } = props;
  return (
    <div className="max-h-[28rem] overflow-auto rounded-md border border-slate-200">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">
          Session results; choose a location to open its details
        </caption>
        <thead className="sticky top-0 z-10 bg-slate-50 text-left text-xs text-slate-700 uppercase">
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.label}
                scope="col"
                className="px-2 py-2 font-semibold"
                aria-sort={
                  c.key && state.sort === c.key
                    ? state.dir === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : undefined
                }
              >
                {c.key ? (
                  <button
                    type="button"
                    onClick={() => props.onSort(c.key as SortKey)}
                    className="flex items-center gap-1 uppercase"
                  >
                    {c.label}
                    <span aria-hidden="true">
                      {state.sort === c.key ? (state.dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const r = row.result;
            const deleted = deletedListingIds.has(row.selectionKey);
            const selected = row.index === selectedIndex;
            return (
              <tr
                key={row.index}
                onMouseEnter={() => props.onHover(row.index)}
                onMouseLeave={() => props.onHover(null)}
                aria-selected={selected}
                className={`border-t border-slate-100 ${selected ? 'bg-teal-50' : row.index === hoveredIndex ? 'bg-slate-100' : ''}`}
              >
                <td className="px-2 py-1.5 text-slate-600 tabular-nums">{row.index + 1}</td>
                <td className="px-2 py-1.5">
                  <button
                    type="button"
                    onClick={() => props.onSelect(row.index)}
                    onFocus={() => props.onHover(row.index)}
                    onBlur={() => props.onHover(null)}
                    className="text-left text-teal-800 underline tabular-nums"
                  >
                    {r.lat}, {r.lng}
                  </button>
                </td>
                <td className="px-2 py-1.5">{deleted ? 'deleted' : r.status}</td>
                <td className="px-2 py-1.5">
                  {r.status === 'success' && row.band ? (
                    <span className="inline-flex items-center gap-1.5 tabular-nums">
                      <span
                        aria-hidden="true"
                        className="h-2.5 w-2.5 rounded-full border border-slate-700"
                        style={{ background: row.band.color }}
                      />
                      {r.quiet_score}{' '}
                      <span className="text-xs text-slate-600">{row.band.level}</span>
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td
                  className="max-w-[18rem] truncate px-2 py-1.5 font-mono text-xs"
                  title={r.status === 'success' ? r.listing_id : r.error}
                >
                  {r.status === 'success' ? (
                    r.listing_id
                  ) : (
                    <span className="font-sans text-red-800">{r.error}</span>
                  )}
                </td>
                <td className="px-2 py-1.5 text-xs whitespace-nowrap text-slate-700">
                  {r.analyzed_at.replace('T', ' ').slice(0, 19)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && (
        <p className="p-4 text-sm text-slate-600">No result matches these filters.</p>
      )}
    </div>
  );
});

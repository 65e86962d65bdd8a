import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SessionResult } from '@/contract/schemas';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import type { Listing } from '@/contract/schemas';
import { colorScale } from '@/lib/color-modes';
import { toRows, withAnalysis } from '@/lib/results';
import { statusPayload } from '@/test/session-fixtures';
import { ResultsTable, type ResultsTableProps } from './results-table';

const noop = () => {};
function propsFor(processed: number, pending: number): ResultsTableProps {
  return {
    rows: toRows(statusPayload(processed, processed + pending).results),
    pending,
    sort: 'index',
    dir: 'asc',
    selectedIndex: null,
    hoveredIndex: null,
    deletedListingIds: new Set(),
    onSort: noop,
    onSelect: noop,
    onHover: noop,
  };
}

function renderTable(processed: number, pending: number) {
  const props = propsFor(processed, pending);
  const view = render(<ResultsTable {...props} />);
  const scroller = screen.getByRole('table').parentElement as HTMLElement;
  /** The scroll room below the header: the rows the DOM holds or stands in for, in pixels. */
  const extent = () =>
    [...scroller.querySelectorAll<HTMLElement>('tr, table + div')].reduce(
      (sum, el) => sum + (parseFloat(el.style.height) || 0),
      0,
    );
  return { ...view, props, extent };
}

describe('ResultsTable', () => {
  it('sorts from its headers, which say the sort, after rows are added too', () => {
    const onSort = vi.fn();
    const props = { ...propsFor(3, 5), onSort, sort: 'score' as const, dir: 'desc' as const };
    const { rerender } = render(<ResultsTable {...props} />);
    rerender(<ResultsTable {...props} rows={propsFor(5, 3).rows} pending={3} />);
    expect(screen.getByRole('columnheader', { name: /score/i })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    fireEvent.click(screen.getByRole('button', { name: /status/i }));
    expect(onSort).toHaveBeenCalledWith('status');
  });

  it('says how many locations are still processing after the results', () => {
    renderTable(3, 5);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.at(-1)).toHaveTextContent('5 locations still processing…');
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '5');
  });

  it('shows no pending row once nothing is pending, and no filter message while some are', () => {
    const done = renderTable(3, 0);
    expect(screen.queryByText(/still processing/)).not.toBeInTheDocument();
    done.unmount();
    renderTable(0, 4);
    expect(screen.getByText('4 locations still processing…')).toBeInTheDocument();
    expect(screen.queryByText('No result matches these filters.')).not.toBeInTheDocument();
  });

  it('shows coordinates rounded to about a metre, the exact values on hover', () => {
    const rows = toRows([
      { ...(statusPayload(1).results[0] as SessionResult), lat: 48.805594996816765, lng: 2.3 },
    ]);
    render(<ResultsTable {...propsFor(0, 0)} rows={rows} />);
    const location = screen.getByRole('button', { name: '48.80559, 2.3' });
    expect(location).toHaveAttribute('title', '48.805594996816765, 2.3');
  });

  it('clips a listing ID or error longer than the column holds when wide, with the full text on hover', () => {
    const base = statusPayload(1).results[0] as SessionResult & { status: 'success' };
    const long = 'x'.repeat(60);
    const rows = toRows([base, { ...base, listing_id: long }]);
    render(<ResultsTable {...propsFor(0, 0)} rows={rows} />);
    const short = screen.getByRole('cell', { name: base.listing_id });
    // A UUID fits once the table is wide: it is clipped only in a narrow table.
    expect(short).not.toHaveClass('truncate');
    expect(short).toHaveClass('@max-[66rem]:truncate');
    const cell = screen.getByRole('cell', { name: long });
    expect(cell).toHaveClass('truncate');
    expect(cell).toHaveAttribute('title', long);
  });

  it('keeps the same scroll room while results replace pending locations out of view', () => {
    const { props, rerender, extent } = renderTable(100, 400);
    const before = extent();
    expect(before).toBe(500 * 33); // a row's room for every location of the session
    const next = toRows(statusPayload(112, 500).results);
    rerender(<ResultsTable {...props} rows={next} pending={388} />);
    expect(extent()).toBe(before);
    // Windowed: a few dozen rows in the DOM, not 112.
    expect(within(screen.getByRole('table')).getAllByRole('row').length).toBeLessThan(40);
  });

  it('shows what the color mode shows in its score column, and an analysis that failed', () => {
    const base = propsFor(10, 0);
    const [first, second] = base.rows.filter((r) => r.band);
    const listing = DOCUMENTED.quietnessSingle.response as Listing;
    const rows = withAnalysis(
      base.rows,
      new Map([
        [first!.selectionKey, { kind: 'ok' as const, listing }],
        [second!.selectionKey, { kind: 'failed' as const, message: 'Listing limit reached' }],
      ]),
    );
    const scale = colorScale('night', rows);
    const { rerender } = render(<ResultsTable {...base} rows={rows} analysisColumns />);
    const table = screen.getByRole('table');
    const row = (i: number) => table.querySelector(`tr[data-result-index="${i}"]`) as HTMLElement;
    const badge = () => row(first!.index).querySelectorAll('td')[3] as HTMLElement;
    const overall = badge().textContent;
    // A switch of the mode: the same rows (memoized), their badges show the mode's values.
    rerender(<ResultsTable {...base} rows={rows} analysisColumns scale={scale} />);
    expect(within(table).getByRole('columnheader', { name: /Night score/ })).toBeInTheDocument();
    // The documented night score, 65 (Quiet); day / night and the modeled dBA beside it.
    expect(badge()).toHaveTextContent('65Quiet');
    expect(badge().textContent).not.toBe(overall);
    expect(row(first!.index)).toHaveTextContent('65Quiet');
    expect(row(first!.index)).toHaveTextContent('75 / 65');
    expect(row(first!.index)).toHaveTextContent('48.2 / 42.5');
    expect(row(first!.index)).toHaveTextContent('Highways/Freeways · 0.72 mi (1.16 km)');
    const failed = within(row(second!.index)).getByText('unavailable');
    expect(failed).toHaveAttribute('title', 'Listing limit reached');
    expect(row(second!.index)).toHaveTextContent('analysis unavailable');
    expect(row(base.rows.filter((r) => r.band)[2]!.index)).toHaveTextContent('not loaded');
  });
});

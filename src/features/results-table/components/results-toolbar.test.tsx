import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { sessionStatusResponse } from '@/contract/schemas';
import { toRows } from '@/lib/results';
import { statusPayload } from '@/test/session-fixtures';
import { DEFAULT_TABLE_STATE } from '../lib/table-state';
import { ResultsToolbar } from './results-toolbar';

const rowsOf = (n: number) =>
  toRows(sessionStatusResponse.parse(statusPayload(n, 50)).results ?? []);
const noop = () => {};

describe('ResultsToolbar', () => {
  it('announces the count when the filters change, not when a poll adds rows', () => {
    const props = { sessionId: 'sess_a', state: DEFAULT_TABLE_STATE, total: 50, onChange: noop };
    const { rerender } = render(<ResultsToolbar {...props} rows={rowsOf(10)} />);
    const status = screen.getByRole('status');
    expect(screen.getByText('10 of 50 shown')).toBeVisible();
    expect(status.textContent).toBe('');
    // A poll: more rows, same filters — the visible count moves, the live region stays quiet.
    rerender(<ResultsToolbar {...props} rows={rowsOf(12)} />);
    expect(screen.getByText('12 of 50 shown')).toBeVisible();
    expect(status.textContent).toBe('');
    // A filter: announced once.
    const failed = rowsOf(12).filter((r) => r.result.status === 'failed');
    rerender(
      <ResultsToolbar {...props} state={{ ...props.state, status: 'failed' }} rows={failed} />,
    );
    expect(status).toHaveTextContent(`Filters changed: ${failed.length} of 50 results shown.`);
  });

  it('leaves the filter fields alone when a poll adds rows, and still applies a typed search', async () => {
    const onChange = vi.fn();
    const props = { sessionId: 'sess_a', state: DEFAULT_TABLE_STATE, total: 50, onChange };
    const { rerender } = render(<ResultsToolbar {...props} rows={rowsOf(10)} />);
    const search = screen.getByRole('searchbox', { name: /Search listing ID/ });
    const writes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => writes.push(...records));
    observer.observe(search.parentElement?.parentElement as HTMLElement, {
      subtree: true,
      attributes: true,
      childList: true,
    });
    rerender(<ResultsToolbar {...props} rows={rowsOf(12)} />);
    await Promise.resolve();
    observer.disconnect();
    expect(writes.filter((w) => w.target === search)).toEqual([]);

    // The handlers read the latest filters: a status chosen since is kept.
    const failed = { ...DEFAULT_TABLE_STATE, status: 'failed' as const };
    rerender(<ResultsToolbar {...props} state={failed} rows={rowsOf(12)} />);
    fireEvent.change(search, { target: { value: '48.8' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...failed, query: '48.8' });
  });
});

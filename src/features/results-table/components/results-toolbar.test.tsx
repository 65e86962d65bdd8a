import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStatusResponse } from '@/api/schemas';
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
});

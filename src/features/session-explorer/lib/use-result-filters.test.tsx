import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useResultFilters } from './use-result-filters';

const wrapper = ({ children }: { children: ReactNode }) => (
  <MemoryRouter initialEntries={['/sessions/s?band=quiet&band=noisy&q=paris']}>
    {children}
  </MemoryRouter>
);

describe('useResultFilters', () => {
  it('hands out the same state while the URL’s values stay, and a new one when they change', () => {
    const { result, rerender } = renderHook(() => useResultFilters(), { wrapper });
    const first = result.current.state;
    expect(first.bands).toEqual(['Quiet', 'Noisy']);
    expect(first.query).toBe('paris');
    rerender();
    expect(result.current.state).toBe(first);
    act(() => result.current.toggleBand('Quiet'));
    expect(result.current.state.bands).toEqual(['Noisy']);
    expect(result.current.state).not.toBe(first);
    const second = result.current.state;
    rerender();
    expect(result.current.state).toBe(second);
  });

  it('sorts a column ascending first, then the other way, with one callback that stays', () => {
    const { result } = renderHook(() => useResultFilters(), { wrapper });
    const sortBy = result.current.sortBy;
    act(() => result.current.sortBy('score'));
    expect(result.current.state).toMatchObject({ sort: 'score', dir: 'asc', query: 'paris' });
    act(() => result.current.sortBy('score'));
    expect(result.current.state).toMatchObject({ sort: 'score', dir: 'desc' });
    act(() => result.current.sortBy('status'));
    expect(result.current.state).toMatchObject({ sort: 'status', dir: 'asc' });
    // The same function each render: the memoized table header is not rendered by a poll.
    expect(result.current.sortBy).toBe(sortBy);
  });
});

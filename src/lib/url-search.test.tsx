import { act, render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type SetURLSearchParams } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useStableSearchParams } from './url-search';

describe('useStableSearchParams', () => {
  it('keeps one setter across URL writes, each update starting from the params then', async () => {
    const seen: { params: string; set: SetURLSearchParams }[] = [];
    function Probe() {
      const [params, set] = useStableSearchParams();
      seen.push({ params: params.toString(), set });
      return null;
    }
    const router = createMemoryRouter([{ path: '/s', element: <Probe /> }], {
      initialEntries: ['/s?listing=a'],
    });
    render(<RouterProvider router={router} />);
    const set = seen[0]!.set;
    await act(async () => {
      set((p) => {
        p.set('color', 'night');
        return p;
      });
    });
    await act(async () => {
      set((p) => {
        p.set('view', '1,2,3');
        return p;
      });
    });
    expect(router.state.location.search).toBe('?listing=a&color=night&view=1%2C2%2C3');
    expect(seen.at(-1)!.params).toBe('listing=a&color=night&view=1%2C2%2C3');
    // The same function at every render, though the router's own setter changed with each search.
    expect(new Set(seen.map((s) => s.set)).size).toBe(1);
  });
});

import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { BrowserRouter, useNavigate, useSearchParams } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useColorMode } from './use-color-mode';

// The browser's own history: the deferred write starts from the address bar's params.
const wrapper = ({ children }: { children: ReactNode }) => (
  <BrowserRouter>{children}</BrowserRouter>
);

describe('useColorMode', () => {
  it('switches at once, writes the URL after (keeping other params), and follows the URL', async () => {
    window.history.replaceState(null, '', '/sessions/s?color=day&band=quiet');
    const { result } = renderHook(
      () => ({ mode: useColorMode(), params: useSearchParams()[0], navigate: useNavigate() }),
      { wrapper },
    );
    expect(result.current.mode[0]).toBe('day');
    act(() => result.current.mode[1]('night'));
    expect(result.current.mode[0]).toBe('night');
    // A listing opened meanwhile is kept by the write.
    act(() => void result.current.navigate('/sessions/s?color=day&band=quiet&listing=abc'));
    await waitFor(() => expect(result.current.params.get('color')).toBe('night'));
    expect(result.current.params.get('band')).toBe('quiet');
    expect(result.current.params.get('listing')).toBe('abc');
    act(() => result.current.mode[1]('overall'));
    await waitFor(() => expect(result.current.params.has('color')).toBe(false));
    // A link (or Back) to another mode.
    act(() => void result.current.navigate('/sessions/s?color=source'));
    expect(result.current.mode[0]).toBe('source');
  });
});

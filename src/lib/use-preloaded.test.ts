import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { usePreloaded } from './use-preloaded';

describe('usePreloaded', () => {
  it('asks for the code only once `when` holds, and is true once it is here', async () => {
    let resolve = () => {};
    const load = vi.fn(() => new Promise<void>((r) => (resolve = r)));
    const { result, rerender } = renderHook(({ when }) => usePreloaded(load, when), {
      initialProps: { when: false },
    });
    expect(load).not.toHaveBeenCalled();
    rerender({ when: true });
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current).toBe(false);
    resolve();
    await waitFor(() => expect(result.current).toBe(true));
  });

  it('is true after a failed load too: the lazy component then shows its error', async () => {
    const load = vi.fn(() => Promise.reject(new Error('chunk failed')));
    const { result } = renderHook(() => usePreloaded(load));
    await waitFor(() => expect(result.current).toBe(true));
  });
});

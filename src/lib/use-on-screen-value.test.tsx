import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  destroyIntersectionMocking,
  mockAllIsIntersecting,
  setupIntersectionMocking,
} from 'react-intersection-observer/test-utils';
import { OFF_SCREEN_DELAY_MS, useOnScreenValue } from './use-on-screen-value';

function Part({ value }: { value: string }) {
  const [shown, ref] = useOnScreenValue(value);
  return <p ref={ref}>{shown}</p>;
}

describe('useOnScreenValue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setupIntersectionMocking(vi.fn);
  });
  afterEach(() => {
    destroyIntersectionMocking();
    vi.useRealTimers();
  });

  it('follows at once while the part is on screen', () => {
    const { rerender } = render(<Part value="day" />);
    act(() => mockAllIsIntersecting(true));
    rerender(<Part value="night" />);
    expect(screen.getByText('night')).toBeInTheDocument();
  });

  it('on screen, renders once per change: it keeps no copy of what it shows', () => {
    let renders = 0;
    function Counted({ value }: { value: string }) {
      renders++;
      const [shown, ref] = useOnScreenValue(value);
      return <p ref={ref}>{shown}</p>;
    }
    const { rerender } = render(<Counted value="day" />);
    act(() => mockAllIsIntersecting(true));
    renders = 0;
    rerender(<Counted value="night" />);
    rerender(<Counted value="source" />);
    expect(screen.getByText('source')).toBeInTheDocument();
    expect(renders).toBe(2);
  });

  it('off screen, follows once the changes have settled, and only the last one', () => {
    const { rerender } = render(<Part value="day" />);
    act(() => mockAllIsIntersecting(false));
    rerender(<Part value="night" />);
    act(() => vi.advanceTimersByTime(OFF_SCREEN_DELAY_MS - 50));
    rerender(<Part value="source" />);
    expect(screen.getByText('day')).toBeInTheDocument();
    // The first change's wait was cancelled by the second: still the old value after it.
    act(() => vi.advanceTimersByTime(100));
    expect(screen.getByText('day')).toBeInTheDocument();
    // Then an idle moment (jsdom has no requestIdleCallback: a timer stands in).
    act(() => vi.advanceTimersByTime(OFF_SCREEN_DELAY_MS));
    expect(screen.getByText('source')).toBeInTheDocument();
  });

  it('off screen, catches up at once when the part comes into view', () => {
    const { rerender } = render(<Part value="day" />);
    act(() => mockAllIsIntersecting(false));
    rerender(<Part value="night" />);
    expect(screen.getByText('day')).toBeInTheDocument();
    act(() => mockAllIsIntersecting(true));
    expect(screen.getByText('night')).toBeInTheDocument();
    // Scrolled away again, it keeps what it last showed, not an older value.
    act(() => mockAllIsIntersecting(false));
    expect(screen.getByText('night')).toBeInTheDocument();
  });

  it('off screen, a press or a focus inside brings it up to date before it acts', () => {
    function Exporter({ value, onExport }: { value: string; onExport: (v: string) => void }) {
      const [shown, ref] = useOnScreenValue(value);
      return (
        <div ref={ref}>
          <button type="button" onClick={() => onExport(shown)}>
            Export {shown}
          </button>
        </div>
      );
    }
    const exported = vi.fn();
    const { rerender } = render(<Exporter value="day" onExport={exported} />);
    act(() => mockAllIsIntersecting(false));
    rerender(<Exporter value="night" onExport={exported} />);
    const button = screen.getByRole('button');
    expect(button).toHaveTextContent('Export day');
    fireEvent.pointerDown(button);
    fireEvent.click(button);
    expect(exported).toHaveBeenLastCalledWith('night');
    rerender(<Exporter value="source" onExport={exported} />);
    fireEvent.focusIn(button);
    expect(button).toHaveTextContent('Export source');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AFTER_INPUT_MS, whenIdle, whenSettled } from './idle';

describe('idle-time work', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at the next idle moment when the user is not acting', () => {
    const run = vi.fn();
    vi.advanceTimersByTime(AFTER_INPUT_MS);
    whenIdle(run);
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledOnce();
  });

  it('stays out of the way of the frames that answer an input', () => {
    const run = vi.fn();
    const select = document.createElement('select');
    document.body.append(select);
    whenIdle(run);
    select.dispatchEvent(new Event('change', { bubbles: true }));
    vi.advanceTimersByTime(AFTER_INPUT_MS - 10);
    expect(run).not.toHaveBeenCalled();
    // Another input meanwhile: the wait starts again from it.
    window.dispatchEvent(new WheelEvent('wheel'));
    vi.advanceTimersByTime(AFTER_INPUT_MS - 10);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(run).toHaveBeenCalledOnce();
    select.remove();
  });

  it('can be cancelled while it waits for the input to settle', () => {
    const run = vi.fn();
    const cancel = whenIdle(run);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    vi.advanceTimersByTime(1);
    cancel();
    vi.advanceTimersByTime(AFTER_INPUT_MS * 2);
    expect(run).not.toHaveBeenCalled();
  });

  it('after a burst of changes, runs once, after the last', () => {
    const run = vi.fn();
    let cancel = whenSettled(run, 300);
    vi.advanceTimersByTime(200);
    cancel();
    cancel = whenSettled(run, 300);
    // The first would have run by now, 100 ms ago.
    vi.advanceTimersByTime(299);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1 + AFTER_INPUT_MS);
    expect(run).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledOnce();
  });
});

/** Longest idle-time work waits before it runs anyway (a busy page still gets its basemap). */
const IDLE_TIMEOUT_MS = 300;

/**
 * Runs `run` when the main thread is idle (between frames, after input and polls), or after
 * `timeoutMs` at the latest: work that must never lengthen a frame that shows data (the
 * basemap's tiles, writes to IndexedDB). Returns what cancels it.
 */
export function whenIdle(run: () => void, timeoutMs = IDLE_TIMEOUT_MS): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
}

/** Resolves at the next idle moment: `await` it between slices of a long job. */
export const idle = () => new Promise<void>((resolve) => whenIdle(resolve));

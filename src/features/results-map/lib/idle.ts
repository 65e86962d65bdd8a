/** Longest idle-time work waits before it runs anyway (a busy page still gets its basemap). */
const IDLE_TIMEOUT_MS = 300;

/**
 * Runs `run` when the main thread is idle (between frames, after input and polls): the
 * basemap's conversion and tile drawing never lengthen a frame that shows data.
 */
export function whenIdle(run: () => void) {
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 0);
}

/** Resolves at the next idle moment: `await` it between slices of a long job. */
export const idle = () => new Promise<void>((resolve) => whenIdle(resolve));

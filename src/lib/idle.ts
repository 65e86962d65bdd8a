/** Longest idle-time work waits before it runs anyway (a busy page still gets its basemap). */
const IDLE_TIMEOUT_MS = 300;
/**
 * After the user's input (a click, a key, a changed control, the wheel), how long idle-time work
 * stays out of the way: the frames that show the input's effect come first. A color-mode switch
 * just after the page opened shared its two frames with the basemap's tile drawing and the
 * detailed outline's indexing, idle work all, which took a slice whenever a frame ended early.
 */
export const AFTER_INPUT_MS = 100;
const INPUT_EVENTS = ['pointerdown', 'keydown', 'change', 'input', 'wheel'] as const;
let lastInput = -Infinity;
let listening = false;

function listenForInput() {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const note = () => {
    lastInput = performance.now();
  };
  for (const type of INPUT_EVENTS)
    window.addEventListener(type, note, { capture: true, passive: true });
}

/**
 * Runs `run` when the main thread is idle (between frames, after input and polls), or after
 * `timeoutMs` at the latest, and never within `AFTER_INPUT_MS` of the user's input: work that
 * must never lengthen a frame that shows data or answers the user (the basemap's tiles, writes
 * to IndexedDB). Returns what cancels it.
 */
export function whenIdle(run: () => void, timeoutMs = IDLE_TIMEOUT_MS): () => void {
  listenForInput();
  let cancel = () => {};
  const request = () => {
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(check, { timeout: timeoutMs });
      cancel = () => cancelIdleCallback(handle);
    } else {
      const timer = setTimeout(check, 0);
      cancel = () => clearTimeout(timer);
    }
  };
  const check = () => {
    const quiet = performance.now() - lastInput;
    if (quiet >= AFTER_INPUT_MS) return run();
    const timer = setTimeout(request, AFTER_INPUT_MS - quiet);
    cancel = () => clearTimeout(timer);
  };
  request();
  return () => cancel();
}

/**
 * Runs `run` at the first idle moment once `delayMs` have passed: after a burst of changes (a
 * user stepping through options) has settled, work that follows it runs once. Returns what
 * cancels it.
 */
export function whenSettled(run: () => void, delayMs: number): () => void {
  let cancelIdle = () => {};
  const timer = setTimeout(() => {
    cancelIdle = whenIdle(run);
  }, delayMs);
  return () => {
    clearTimeout(timer);
    cancelIdle();
  };
}

/** Resolves at the next idle moment: `await` it between slices of a long job. */
export const idle = () => new Promise<void>((resolve) => whenIdle(resolve));

import { startTransition, useEffect, useState } from 'react';

/** Longest wait for a frame: a hidden tab runs none. */
const FALLBACK_MS = 250;

/**
 * False until the page has painted once since `when` became true (since mount, by default),
 * then true for good. What is gated on it renders after what the user came to see is on
 * screen, in a transition of its own (React renders it in slices that yield to input),
 * instead of holding that first paint back: a session's header paints as its status arrives,
 * its panels right after, and the map's code is asked for after those.
 */
export function useAfterPaint(when = true): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!when || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => startTransition(() => setPainted(true));
    // A frame's callback runs before its paint; the timer set from it runs once it is painted.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(done, 0);
    });
    // A tab in the background runs no frames: it still gets there.
    const fallback = setTimeout(done, FALLBACK_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [when, painted]);
  return painted;
}

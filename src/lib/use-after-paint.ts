import { startTransition, useEffect, useState } from 'react';

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
    // A frame's callback runs before its paint; the timer set from it runs once it is painted.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [when, painted]);
  return painted;
}

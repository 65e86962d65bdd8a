import { useEffect, useState } from 'react';

/**
 * False until the page has painted once since the component mounted. Work gated on it (a
 * map's code and its setup) runs after what the user came to see is on screen, in tasks of
 * its own, instead of lengthening the render that shows it.
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame's callback runs before its paint; the timer after it runs once it is painted.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}

import { startTransition, useEffect, useState } from 'react';

/**
 * True once `load` (a lazy component's preload) has resolved, asked for when `when` turns
 * true. Render the component only then, a placeholder before: a lazy component that suspends
 * shows its Suspense fallback, and React holds the reveal after a fallback back by up to 300 ms
 * (its throttle), which a page that has its data already would wait for.
 */
export function usePreloaded(load: () => Promise<unknown>, when = true): boolean {
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!when || loaded) return;
    let live = true;
    // A load that failed renders too: the lazy component then throws to its error boundary.
    const done = () => {
      if (live) startTransition(() => setLoaded(true));
    };
    load().then(done, done);
    return () => {
      live = false;
    };
  }, [load, when, loaded]);
  return loaded;
}

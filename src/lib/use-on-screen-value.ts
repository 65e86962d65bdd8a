import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useInView } from 'react-intersection-observer';
import { whenSettled } from './idle';

/** How long an off-screen part waits after the last change before it follows (then idle time). */
export const OFF_SCREEN_DELAY_MS = 300;

/**
 * `value` for a part of the page that shows it, given `ref`: while the part is on screen, the
 * value itself; while it is off screen, the one it last showed, brought up to date once the
 * changes have settled (`OFF_SCREEN_DELAY_MS`, then an idle moment), or at once when the part
 * comes into view. A color-mode switch recolors the map in its own frame, and the table's badges
 * and the charts below the fold, which would be laid out and painted in that frame for nobody to
 * see, follow in idle time; a run's poll shows in what is on screen. Without
 * `IntersectionObserver` the part counts as on screen.
 */
export function useOnScreenValue<T>(value: T): [T, (node?: Element | null) => void] {
  const { ref, inView } = useInView({ initialInView: true, fallbackInView: true });
  // What the part shows while off screen; nothing while on screen, so that a change then
  // renders once, not a second time to keep a copy (updates during render are only made when
  // the part goes out of view or comes back).
  const [held, setHeld] = useState<{ value: T } | null>(null);
  if (inView && held) setHeld(null);
  if (!inView && !held) setHeld({ value });
  const node = useRef<Element | null>(null);
  const setNode = useCallback(
    (el?: Element | null) => {
      node.current = el ?? null;
      ref(el);
    },
    [ref],
  );
  useEffect(() => {
    const el = node.current;
    if (inView || !held || held.value === value) return;
    // A press or a focus inside acts on the latest value (an export, a row): the part is
    // brought up to date before the click, even when it came into view a moment ago and the
    // observer has not said so yet.
    const catchUp = () => flushSync(() => setHeld({ value }));
    el?.addEventListener('pointerdown', catchUp, true);
    el?.addEventListener('focusin', catchUp, true);
    const cancel = whenSettled(
      () => startTransition(() => setHeld({ value })),
      OFF_SCREEN_DELAY_MS,
    );
    return () => {
      cancel();
      el?.removeEventListener('pointerdown', catchUp, true);
      el?.removeEventListener('focusin', catchUp, true);
    };
  }, [inView, held, value]);
  return [inView || !held ? value : held.value, setNode];
}

import { useCallback, useEffect, useRef } from 'react';
import { useSearchParams, type SetURLSearchParams } from 'react-router';

/**
 * The search params as the address bar has them now. A write that waits (a debounce, idle time)
 * must start from these: the router's own params reach a component only once the navigation
 * that changed them has rendered, and a write from an older copy would undo it (a listing just
 * opened, lost to the map's view).
 */
export const currentSearchParams = () => new URLSearchParams(window.location.search);

/**
 * `useSearchParams`, with a setter that stays the same function while the page lives. The
 * router's own setter changes with every search, so callbacks made from it (a row's select, a
 * band chip's toggle) would change with each URL write (the map's view, the color mode) and
 * render every memoized row, pin and panel holding them again. An update given as a function
 * starts from the params as they are then, as with the router's setter.
 */
export function useStableSearchParams(): [URLSearchParams, SetURLSearchParams] {
  const [params, setParams] = useSearchParams();
  const latest = useRef(setParams);
  useEffect(() => {
    latest.current = setParams;
  });
  const stable = useCallback<SetURLSearchParams>(
    (next, options) => latest.current(next, options),
    [],
  );
  return [params, stable];
}

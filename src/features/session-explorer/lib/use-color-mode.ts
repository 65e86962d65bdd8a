import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { currentSearchParams } from '@/lib/url-search';
import { readColorMode, type ColorMode } from '@/lib/color-modes';
import { whenSettled } from '@/lib/idle';

/** After a switch, how long the URL waits (then for an idle moment): a run of switches writes once. */
const URL_DELAY_MS = 300;

/**
 * The color mode (`?color=`): switched at once in this component's state, written to the URL
 * a moment later, when the page is idle. A navigation re-renders the whole page from the
 * router; done in the switch, it delayed the recolored map's frame by more than the recolor
 * itself. A URL that changes otherwise (a link, Back) sets the mode.
 */
export function useColorMode(): [ColorMode, (mode: ColorMode) => void] {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const inUrl = readColorMode(params);
  const [mode, setLocal] = useState(inUrl);
  const [seen, setSeen] = useState(inUrl);
  if (inUrl !== seen) {
    setSeen(inUrl);
    setLocal(inUrl);
  }
  const pending = useRef<() => void>(() => {});
  useEffect(() => () => pending.current(), []);
  const setMode = useCallback(
    (next: ColorMode) => {
      setLocal(next);
      pending.current();
      pending.current = whenSettled(() => {
        const out = currentSearchParams();
        if (next === 'overall') out.delete('color');
        else out.set('color', next);
        void navigate({ search: out.toString() }, { replace: true });
      }, URL_DELAY_MS);
    },
    [navigate],
  );
  return [mode, setMode];
}

import { useCallback, useMemo, useState } from 'react';
import { DEFAULT_POLL_MS, POLL_INTERVALS_MS } from './polling';
import type { PollPrefs } from './status-query';

const KEY = 'quiet-score.poll-interval';

/** The remembered interval (the default when none or an unknown one is stored). */
export function readInterval(): number | null {
  try {
    const v = window.localStorage.getItem(KEY);
    if (v === 'off') return null;
    const n = Number(v);
    return (POLL_INTERVALS_MS as readonly number[]).includes(n) ? n : DEFAULT_POLL_MS;
  } catch {
    return DEFAULT_POLL_MS;
  }
}

/** The chosen interval is remembered on this device; pause is for this page only. */
export function usePollPrefs() {
  const [intervalMs, setIntervalState] = useState<number | null>(readInterval);
  const [paused, setPaused] = useState(false);
  const prefs: PollPrefs = useMemo(() => ({ intervalMs, paused }), [intervalMs, paused]);
  // The same function at every render: the polling controls are not rendered again by a poll.
  const setIntervalMs = useCallback((ms: number | null) => {
    setIntervalState(ms);
    try {
      window.localStorage.setItem(KEY, ms === null ? 'off' : String(ms));
    } catch {
      /* not remembered */
    }
  }, []);
  return { prefs, setIntervalMs, setPaused };
}

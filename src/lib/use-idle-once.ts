import { startTransition, useEffect, useState } from 'react';
import { whenIdle } from './idle';

/**
 * False until the main thread has had an idle moment since `when` became true (or `timeoutMs`
 * passed), then true for good. What is gated on it (a hint beside the data, and the loading it
 * needs) waits until the page has shown what the user came for, instead of taking a core from
 * it: these VMs have two, and a reopened run's page, its map's workers and its data share them.
 */
export function useIdleOnce(when: boolean, timeoutMs: number): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!when || ready) return;
    return whenIdle(() => startTransition(() => setReady(true)), timeoutMs);
  }, [when, ready, timeoutMs]);
  return ready;
}

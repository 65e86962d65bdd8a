import type { QueryClient } from '@tanstack/react-query';
import { getEffectiveApiKey } from '@/lib/api-key';
import { keyFingerprint, readLastStatuses } from '@/lib/browser-db';
import { parseSessionList } from '@/lib/runs';

type KeptRead = ReturnType<typeof readLastStatuses>;

/** The query of what this browser kept of a run's sessions, under the key in use. */
export const keptStatusesKey = (apiKey: string | null, sessionIds: readonly string[]) =>
  ['run-kept-statuses', keyFingerprint(apiKey), sessionIds] as const;

/** The read a run's route started while its code loads, for the page to take. */
let early: { key: string; read: KeptRead } | null = null;
const keyOf = (sessionIds: readonly string[]) =>
  JSON.stringify(keptStatusesKey(getEffectiveApiKey(), sessionIds));

/**
 * Starts reading the statuses this browser kept of a run's sessions as soon as its link is
 * known (the route's loader calls this with the link's `sessions`), beside the loading of the
 * run page's code and its first render instead of after them. Not when the page read them
 * already (a visit back).
 */
export function prefetchKeptStatuses(client: QueryClient, sessionsParam: string | null) {
  const { sessions, tooMany } = parseSessionList(sessionsParam ?? '');
  if (tooMany || sessions.length === 0) return;
  if (client.getQueryData(keptStatusesKey(getEffectiveApiKey(), sessions)) !== undefined) return;
  early = { key: keyOf(sessions), read: readLastStatuses(sessions) };
}

/** The kept statuses of these sessions: the read their route started, else a new one. */
export function readKeptStatuses(sessionIds: readonly string[]): KeptRead {
  const started = early;
  early = null;
  return started?.key === keyOf(sessionIds) ? started.read : readLastStatuses(sessionIds);
}

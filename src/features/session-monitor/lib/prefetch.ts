import type { QueryClient } from '@tanstack/react-query';
import { appConfigOptions, sessionKeys } from '@/api/queries';
import { SESSION_ID_RE } from '@/lib/session-id';
import { warmTimeFormats } from '@/lib/time-format';
import { sessionStatusOptions } from './status-query';
import { readInterval } from './use-poll-prefs';

/**
 * Asks for a session's status as soon as its URL is known, while the monitor's code is still
 * loading (the route's loader calls this and does not wait): the answer is in the cache when
 * the monitor mounts, one round trip sooner. The same query, so nothing is fetched twice.
 */
export async function prefetchSessionStatus(client: QueryClient, sessionId: string | undefined) {
  if (!sessionId || !SESSION_ID_RE.test(sessionId)) return;
  // Already watched in this tab: the monitor's own polling decides when to ask again.
  if (client.getQueryData(sessionKeys.status(sessionId)) !== undefined) return;
  // The config says which key to use (the emulator's demo key).
  await client.ensureQueryData(appConfigOptions());
  const answered = client.prefetchQuery(
    sessionStatusOptions(sessionId, { intervalMs: readInterval(), paused: false }),
  );
  // While the answer travels, the date formatters its header needs load their locale data.
  setTimeout(warmTimeFormats, 0);
  await answered;
}

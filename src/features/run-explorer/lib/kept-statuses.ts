import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { sessionKeys } from '@/api/queries';
import type { SessionStatus } from '@/contract/schemas';
import { getEffectiveApiKey } from '@/lib/api-key';
import { keptStatus, keyFingerprint, readLastStatuses } from '@/lib/browser-db';

/** Answers this browser keeps already (read back, or saved once finished): not saved again. */
export const keptInBrowser = new WeakSet<SessionStatus>();

/**
 * What this browser kept of a run's sessions, under the key in use: put in the sessions'
 * status queries that hold nothing yet, before any poll (a finished session costs no call).
 */
export const keptStatusesOptions = (
  client: QueryClient,
  apiKey: string | null,
  sessionIds: readonly string[],
) =>
  queryOptions({
    queryKey: ['run-kept-statuses', keyFingerprint(apiKey), sessionIds],
    queryFn: async () => {
      const found = await readLastStatuses(sessionIds);
      sessionIds.forEach((id, i) => {
        const stored = found[i];
        const status = stored ? keptStatus(stored) : null;
        if (!stored || !status || client.getQueryData(sessionKeys.status(id))) return;
        keptInBrowser.add(status);
        client.setQueryData(sessionKeys.status(id), status, { updatedAt: stored.savedAt });
      });
      return true;
    },
    staleTime: Infinity,
  });

/** How long a run's route waits for what the browser kept before it renders without it. */
const KEPT_WAIT_MS = 500;

/**
 * Reads what this browser kept of a run link's sessions as soon as the link is known (the
 * route's loader awaits this, beside the loading of the run page's code): the page's first
 * render has them, instead of rendering placeholders and then the run. Waits at most
 * `KEPT_WAIT_MS` (a store held by another tab's upgrade renders the page without them, and
 * the page's own query takes them when they come). Nothing is read again on a visit back.
 * True when what was kept holds results (their code is wanted at once).
 */
export async function prefetchKeptStatuses(
  client: QueryClient,
  sessions: readonly string[],
): Promise<boolean> {
  if (sessions.length === 0) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    client.prefetchQuery(keptStatusesOptions(client, getEffectiveApiKey(), sessions)),
    new Promise((resolve) => (timer = setTimeout(resolve, KEPT_WAIT_MS))),
  ]);
  clearTimeout(timer);
  return sessions.some(
    (id) => (client.getQueryData<SessionStatus>(sessionKeys.status(id))?.results?.length ?? 0) > 0,
  );
}

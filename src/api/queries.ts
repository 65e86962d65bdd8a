import { queryOptions } from '@tanstack/react-query';
import { setFallbackApiKey } from './api-key';
import { getAppConfig, getSessionStatus } from './endpoints';
import type { SessionStatus } from './schemas';

export const configKeys = { all: ['app-config'] as const };

/** Server configuration never changes while the page is open. */
export const appConfigOptions = () =>
  queryOptions({
    queryKey: configKeys.all,
    queryFn: async ({ signal }) => {
      const config = await getAppConfig({ signal });
      // The emulator's demo key is used until the user enters one of their own.
      setFallbackApiKey(config.demoKey);
      return config;
    },
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const sessionKeys = {
  all: ['sessions'] as const,
  status: (sessionId: string) => [...sessionKeys.all, 'status', sessionId] as const,
};

/**
 * The last answer per session and its ETag: a 304 hands back the very same object, so React
 * Query sees no change and nothing re-renders.
 */
const lastStatus = new Map<string, { etag: string; data: SessionStatus }>();

export async function fetchSessionStatus(
  sessionId: string,
  signal?: AbortSignal,
): Promise<SessionStatus> {
  const previous = lastStatus.get(sessionId);
  const result = await getSessionStatus(sessionId, { signal, etag: previous?.etag ?? null });
  if (result.notModified) {
    if (previous) return previous.data;
    // A 304 we did not ask for: fetch the full answer.
    return fetchSessionStatus(sessionId, signal);
  }
  if (result.etag) lastStatus.set(sessionId, { etag: result.etag, data: result.data });
  else lastStatus.delete(sessionId);
  return result.data;
}

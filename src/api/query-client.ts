import { QueryClient, hashKey, notifyManager } from '@tanstack/react-query';
import { appConfig } from '../contract/schemas';
import { setFallbackApiKey } from '../lib/api-key';
import type { AccountUsage } from '../contract/schemas';
import { isApiError, onApiCall, quotaExhausted } from './client';
import { accountKeys, configKeys } from './queries';

let due: (() => void)[] = [];

function notifyDue() {
  const now = due;
  due = [];
  for (const heard of now) {
    try {
      heard();
    } catch (error) {
      reportError(error);
    }
  }
}

/**
 * React Query delivers each batch of notifications in a timer of its own. A poll makes two in
 * one task (the usage chip's count as the answer's body arrives, then the answer once parsed),
 * and the run page hears the answer only in the second timer: two renders, and two frames
 * when one falls between them. The first timer to fire delivers every batch due by then, so
 * React renders them together (the later timers find nothing left). A listener that throws
 * is reported; the others are still heard.
 */
function notifyTogether(callback: () => void) {
  due.push(callback);
  setTimeout(notifyDue, 0);
}
notifyManager.setScheduler(notifyTogether);

export function createQueryClient() {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        // A wrong key, a missing session or a malformed payload will not fix itself by retrying.
        // Nor will a used-up monthly quota before it resets.
        retry: (failureCount, error) =>
          failureCount < 3 &&
          !(
            isApiError(error) &&
            (['unauthorized', 'not_found', 'invalid_payload', 'invalid_request'].includes(
              error.kind,
            ) ||
              quotaExhausted(error))
          ),
        refetchOnWindowFocus: false,
      },
    },
  });
  // The emulator's demo key is used until the user enters one of their own. Set as the config
  // arrives, before any page renders (the layout waits for it), not inside a query function.
  client.getQueryCache().subscribe((event) => {
    if (
      event.type === 'updated' &&
      event.action.type === 'success' &&
      event.query.queryHash === configHash
    ) {
      const config = appConfig.safeParse(event.action.data);
      if (config.success) setFallbackApiKey(config.data.demoKey);
    }
  });
  // The usage chip follows the calls this browser makes between its refetches, which reconcile.
  onApiCall((path, exhausted) => {
    if (path === '/v2/account/usage' && !exhausted) return; // its answer counts itself
    // Counted, not fetched: the answer keeps its age, so the chip still reconciles when stale.
    const updatedAt = client.getQueryState(accountKeys.usage)?.dataUpdatedAt;
    client.setQueryData<AccountUsage>(
      accountKeys.usage,
      (usage) =>
        usage
          ? {
              ...usage,
              response: {
                ...usage.response,
                // Refused for want of calls: all of them are used, whatever was counted.
                'API Key Current Usage': exhausted
                  ? Math.max(
                      usage.response['API Key Max Plan Usage'],
                      usage.response['API Key Current Usage'],
                    )
                  : usage.response['API Key Current Usage'] + 1,
              },
            }
          : usage,
      { updatedAt },
    );
  });
  return client;
}

const configHash = hashKey(configKeys.all);

import type { QueryClient } from '@tanstack/react-query';
import { APP_CONFIG_META, appConfig } from '@/contract/schemas';
import { appConfigOptions, configKeys } from './queries';

/**
 * The app's config before any request: from index.html when the server put it there (a
 * round trip saved on every first load), else fetched from /api/config (the Vite dev server,
 * or a page the meta tag did not validate in).
 */
export function loadAppConfig(client: QueryClient) {
  const content = document
    .querySelector(`meta[name="${APP_CONFIG_META}"]`)
    ?.getAttribute('content');
  if (content) {
    try {
      const parsed = appConfig.safeParse(JSON.parse(content));
      if (parsed.success) {
        client.setQueryData(configKeys.all, parsed.data);
        return;
      }
    } catch {
      /* not JSON: ask the server */
    }
  }
  void client.prefetchQuery(appConfigOptions());
}

import { queryOptions } from '@tanstack/react-query';
import { setFallbackApiKey } from './api-key';
import { getAppConfig } from './endpoints';

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

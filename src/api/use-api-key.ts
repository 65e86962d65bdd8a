import { useSyncExternalStore } from 'react';
import { getApiKeyState, subscribeApiKey } from './api-key';

export function useApiKey() {
  return useSyncExternalStore(subscribeApiKey, getApiKeyState, getApiKeyState);
}

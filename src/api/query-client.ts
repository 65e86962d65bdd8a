import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A wrong key, a missing session or a malformed payload will not fix itself by retrying.
        retry: (failureCount, error) =>
          failureCount < 3 &&
          !(
            isApiError(error) &&
            ['unauthorized', 'not_found', 'invalid_payload', 'invalid_request'].includes(error.kind)
          ),
        refetchOnWindowFocus: false,
      },
    },
  });
}

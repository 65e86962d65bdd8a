import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { isApiError } from '@/api/client';

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

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '@/api/query-client';
import { routesFor } from '@/app/router';

/** Renders the real app at `path`: real router, real query client, network mocked by MSW. */
export function renderRoute(path: string) {
  const client = createQueryClient();
  const router = createMemoryRouter(routesFor(client), { initialEntries: [path] });
  const view = render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router, client };
}

import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { prefetchSessionStatus } from '@/features/session-monitor/lib/prefetch';
import { Layout } from './layout';
import { RouteError } from './route-error';

/**
 * Every view is a URL; each route's code loads only when it is visited. index.html holds the
 * same element in `#root`, painted before any script has run.
 */
export function AppLoading() {
  return (
    <p role="status" className="p-8 text-slate-600">
      Loading the dashboard…
    </p>
  );
}

/** The app's routes; loaders start fetching with `client` while a route's code loads. */
export const routesFor = (client: QueryClient) => [
  {
    path: '/',
    Component: Layout,
    ErrorBoundary: RouteError,
    // Shown while the first route's code loads.
    HydrateFallback: AppLoading,
    children: [
      {
        ErrorBoundary: RouteError,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('./routes/home')).HomeRoute }),
          },
          {
            path: 'sessions/new',
            lazy: async () => ({
              Component: (await import('./routes/new-session')).NewSessionRoute,
            }),
          },
          {
            path: 'sessions/:sessionId',
            loader: ({ params }: { params: { sessionId?: string } }) => {
              void prefetchSessionStatus(client, params.sessionId);
              return null;
            },
            // Only a new session: ?view= and ?listing= changes must not ask again.
            shouldRevalidate: ({
              currentParams,
              nextParams,
            }: {
              currentParams: { sessionId?: string };
              nextParams: { sessionId?: string };
            }) => currentParams.sessionId !== nextParams.sessionId,
            // Per-property lazy: the loader above runs while the component's code loads.
            lazy: {
              Component: async () => (await import('./routes/session-monitor')).SessionMonitorRoute,
            },
          },
          {
            path: 'runs/view',
            // What the browser kept of the run, read beside its code (`loadRunLink`).
            loader: async ({ request }: { request: Request }) =>
              (await import('./routes/run')).loadRunLink(client, request),
            // Only another list of sessions: ?listing=, ?color= and the like read nothing.
            shouldRevalidate: ({ currentUrl, nextUrl }: { currentUrl: URL; nextUrl: URL }) =>
              currentUrl.searchParams.get('sessions') !== nextUrl.searchParams.get('sessions'),
            lazy: { Component: async () => (await import('./routes/run')).RunViewRoute },
          },
          {
            path: 'runs/:runId',
            lazy: async () => ({ Component: (await import('./routes/run')).StoredRunRoute }),
          },
          {
            path: 'account',
            lazy: async () => ({ Component: (await import('./routes/account')).AccountRoute }),
          },
          {
            path: '*',
            lazy: async () => ({ Component: (await import('./routes/not-found')).NotFoundRoute }),
          },
        ],
      },
    ],
  },
];

export function createRouter(client: QueryClient) {
  return createBrowserRouter(routesFor(client));
}

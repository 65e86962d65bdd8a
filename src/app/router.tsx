import { createBrowserRouter } from 'react-router';
import { Layout } from './layout';
import { RouteError } from './route-error';

/** Every view is a URL; each route's code loads only when it is visited. */
function AppLoading() {
  return (
    <p role="status" className="p-8 text-slate-600">
      Loading the dashboard…
    </p>
  );
}

export const routes = [
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
            lazy: async () => ({
              Component: (await import('./routes/session-monitor')).SessionMonitorRoute,
            }),
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

export function createRouter() {
  return createBrowserRouter(routes);
}

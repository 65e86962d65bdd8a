import './zod-config'; // first: before any schema is defined
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { loadAppConfig } from './api/inline-config';
import { createQueryClient } from './api/query-client';
import { Providers } from './app/providers';
import { createRouter } from './app/router';
import './index.css';
import { applyThemeChoice } from './lib/theme';

applyThemeChoice();
const queryClient = createQueryClient();
// Every page waits for the config (which key to use): from the page itself, or asked for now,
// while the route's code loads.
loadAppConfig(queryClient);
// The router (which starts the route's loader and its code) and the first render in a task of
// their own, not in the long one that evaluated the app's modules: on a slow phone, each is
// shorter than one long task that holds input back.
setTimeout(() => {
  const router = createRouter(queryClient);
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <Providers client={queryClient}>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  );
}, 0);

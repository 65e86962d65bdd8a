import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { NavLink, Outlet } from 'react-router';
import { appConfigOptions, configKeys } from '@/api/queries';
import { useApiKey } from '@/lib/api-key';
import { UsageChip } from '@/features/account/components/usage-chip';
import { ApiKeyControl } from '@/features/api-key/components/api-key-control';
import { ThemeToggle } from '@/features/theme/theme-toggle';

const NAV = [
  { to: '/', label: 'Sessions', end: true },
  { to: '/sessions/new', label: 'New session', end: false },
  { to: '/account', label: 'Account', end: false },
];

export function Layout() {
  const config = useQuery(appConfigOptions());
  // Pages call the API only once /api/config has said which key to use (the emulator's demo key).
  const ready = !config.isPending;
  useResetOnKeyChange();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <NavLink to="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            Quiet Score Dashboard
          </NavLink>
          <ModeBadge />
          <nav aria-label="Main" className="flex gap-1 text-sm">
            {NAV.map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                end={item.end}
                className={({ isActive }) =>
                  `rounded-md px-2.5 py-1.5 ${isActive ? 'bg-slate-100 font-medium text-slate-900' : 'text-slate-700 hover:bg-slate-50'}`
                }
              >
                {item.label}
              </NavLink>
            ))}
          </nav>
          {/* One line of fixed height. From 640 px the usage chip's room is held before it
              arrives, so the header wraps at the same widths with it as without and nothing
              below moves; narrower, this group has a line of its own. */}
          <div className="ml-auto flex h-9 items-center gap-2 whitespace-nowrap sm:gap-3">
            <span className="flex justify-end sm:min-w-44">{ready && <UsageChip />}</span>
            <ApiKeyControl />
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {ready ? (
          <Outlet />
        ) : (
          <p role="status" className="text-slate-600">
            Connecting…
          </p>
        )}
      </main>
    </div>
  );
}

function ModeBadge() {
  const { data } = useQuery(appConfigOptions());
  if (!data) return null;
  const emulator = data.mode === 'emulator';
  return (
    <span
      className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${emulator ? 'bg-amber-100 text-amber-900' : 'bg-emerald-100 text-emerald-900'}`}
      title={
        emulator
          ? 'Answers come from the local Quiet Score emulator'
          : `Proxying to ${data.upstreamHost}`
      }
    >
      {emulator ? 'Emulator' : data.upstreamHost}
    </span>
  );
}

/** Another key is another account: drop everything fetched with the previous one. */
function useResetOnKeyChange() {
  const queryClient = useQueryClient();
  // The user's own key: the emulator's demo key arrives with the config, before any page asks.
  const { userKey } = useApiKey();
  const previous = useRef(userKey);
  useEffect(() => {
    if (previous.current === userKey) return;
    previous.current = userKey;
    void queryClient.resetQueries({ predicate: (q) => q.queryKey[0] !== configKeys.all[0] });
  }, [userKey, queryClient]);
}

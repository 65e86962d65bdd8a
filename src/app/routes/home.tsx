import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { appConfigOptions } from '@/api/queries';
import { Card } from '@/components/ui/card';
import { useNow } from '@/lib/use-now';
import { RecentRunsList } from '@/features/recent-sessions/components/recent-runs-list';
import { RecentSessionsList } from '@/features/recent-sessions/components/recent-sessions-list';
import { SessionLookupForm } from '@/features/session-lookup/components/session-lookup-form';

export function HomeRoute() {
  const now = useNow(30_000);
  const { data: config } = useQuery(appConfigOptions());
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Watch a Quiet Score session</h1>
        <p className="mt-1 text-slate-700">
          Paste a session ID to follow its progress, results and map live, or several to watch them
          as one run. Or{' '}
          <Link to="/sessions/new" className="text-teal-800 underline">
            create a new session
          </Link>
          .
        </p>
      </div>
      <Card>
        <SessionLookupForm />
        {config?.demoSessionId && (
          <p className="mt-3 text-sm text-slate-700">
            New here?{' '}
            <Link
              to={`/sessions/${encodeURIComponent(config.demoSessionId)}`}
              className="text-teal-800 underline"
            >
              Open the emulator’s demo session
            </Link>{' '}
            — about sixty real places around the world, some at sea.
          </p>
        )}
      </Card>
      <Card title="Recent sessions">
        <div className="flex flex-col gap-4">
          <RecentRunsList now={now} />
          <RecentSessionsList now={now} />
        </div>
      </Card>
    </div>
  );
}

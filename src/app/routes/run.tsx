import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { PlaceholderPage } from '@/components/ui/placeholder-page';
import { useApiKey } from '@/lib/api-key';
import { keyFingerprint, readClusterIndexAhead, readRun, updateRun } from '@/lib/browser-db';
import { rememberRun } from '@/lib/recent-runs';
import { isRunId, parseSessionList, runMapName, runViewPath } from '@/lib/runs';
import { preloadRunResults, RunExplorer } from '@/features/run-explorer/components/run-explorer';
import { prefetchKeptStatuses } from '@/features/run-explorer/lib/kept-statuses';
import { warmTimeFormats } from '@/lib/time-format';
import { RunQueue } from '@/features/run-explorer/components/run-queue';

/**
 * The loader of `/runs/view`: what this browser kept of the link's sessions is read before the
 * page renders (the page's chunks are named in its HTML, so this module is at hand); when it
 * holds results, their code is asked for at once, and the map's kept clusters are read while
 * the page renders. The date formatters warm meanwhile.
 */
export async function loadRunLink(client: QueryClient, request: Request) {
  setTimeout(warmTimeFormats, 0);
  const { sessions, tooMany } = parseSessionList(
    new URL(request.url).searchParams.get('sessions') ?? '',
  );
  if (!tooMany && (await prefetchKeptStatuses(client, sessions))) {
    void preloadRunResults();
    readClusterIndexAhead(runMapName(sessions));
  }
  return null;
}

/** `/runs/view?sessions=a,b&name=…`: a run rebuilt from its link, on any machine. */
export function RunViewRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const list = parseSessionList(params.get('sessions') ?? '');
  const name = params.get('name')?.trim() || 'Run';
  if (list.tooMany) return <PlaceholderPage title="Too many sessions" description={list.tooMany} />;
  if (list.sessions.length === 0)
    return (
      <PlaceholderPage
        title="No session in this link"
        description={
          list.invalid.length > 0
            ? `None of these is a session ID: ${list.invalid.join(', ')}.`
            : 'A run link lists its sessions: /runs/view?sessions=sess_a,sess_b.'
        }
      />
    );
  return (
    <RunExplorer
      runId={fileBase(name)}
      name={name}
      sessionIds={list.sessions}
      onAddSessions={(added) => void navigate(runViewPath([...list.sessions, ...added], name))}
    >
      {list.invalid.length > 0 && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          Left out, not session IDs: {list.invalid.map((w) => `“${w}”`).join(', ')}. The valid ones
          are shown.
        </p>
      )}
    </RunExplorer>
  );
}

/** A name as a file name's start: "Q3 portfolio" → "run-q3-portfolio". */
const fileBase = (name: string) =>
  `run-${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'link'
  }`;

/** `/runs/:runId`: a run kept in this browser, its submission going on while it is open. */
export function StoredRunRoute() {
  const { runId = '' } = useParams();
  const client = useQueryClient();
  const { effectiveKey } = useApiKey();
  const queryKey = ['run', keyFingerprint(effectiveKey), runId] as const;
  const run = useQuery({ queryKey, queryFn: () => readRun(runId), enabled: isRunId(runId) });
  const kept = run.data;
  useEffect(() => {
    if (kept)
      rememberRun({
        id: kept.id,
        name: kept.name,
        sessions: kept.chunks.length || kept.sessions.length,
        createdAt: kept.createdAt,
      });
  }, [kept]);
  if (!isRunId(runId))
    return (
      <PlaceholderPage
        title="That is not a run ID"
        description="Run IDs look like run_3k9x…. A run made elsewhere opens from its link."
      />
    );
  if (run.isPending) return <p role="status">Reading the run…</p>;
  if (!run.data)
    return (
      <PlaceholderPage
        title="This run is not kept in this browser"
        description="Runs are kept in the browser that made them (and for its API key). On another machine, open the run's link instead: it lists its sessions."
      />
    );
  return (
    <RunExplorer
      runId={run.data.id}
      name={run.data.name}
      sessionIds={run.data.sessions}
      onAddSessions={(added) =>
        void updateRun(runId, (r) => ({ ...r, sessions: [...r.sessions, ...added] })).then(() =>
          client.invalidateQueries({ queryKey }),
        )
      }
    >
      <RunQueue run={run.data} runQueryKey={queryKey} />
    </RunExplorer>
  );
}

import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { createSession } from '@/api/endpoints';
import { listingStatsOptions } from '@/api/queries';
import { MAX_SESSION_LOCATIONS, type Coordinate } from '@/contract/schemas';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { saveRun, saveSessionInput } from '@/lib/browser-db';
import { newRun } from '@/lib/runs';
import { landQueryOptions } from '@/lib/geo/land-query';
import { rememberSession } from '@/lib/recent-sessions';
import {
  parseText,
  sessionInputOf,
  splitIntoSessions,
  validate,
  type Parsed,
} from '../lib/parse-locations';
import { readLocationsFile } from '../lib/read-file';
import { ProblemList } from './problem-list';
import { SwapCheck } from './swap-check';

export interface NewSessionFormProps {
  /** The route draws the preview map of the valid locations. */
  renderPreview: (locations: Coordinate[]) => ReactNode;
}

type Created = { sessionId: string; total: number };

/** Paste or upload locations, see every problem, fix or drop them, then create the session(s). */
export function NewSessionForm({ renderPreview }: NewSessionFormProps) {
  const navigate = useNavigate();
  const textId = useId();
  const fileId = useId();
  // Locations handed over by another page (the monitor's "create a session with them swapped").
  const handed = (useLocation().state as { locations?: unknown } | null)?.locations;
  const [text, setText] = useState(() => (typeof handed === 'string' ? handed : ''));
  const [file, setFile] = useState<{ name: string; parsed: Parsed } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [created, setCreated] = useState<Created[]>([]);
  // Lines whose latitude and longitude the user swapped; new input starts afresh.
  const [swapped, setSwapped] = useState<ReadonlySet<number>>(new Set());

  const parsed = useMemo(() => (file ? file.parsed : parseText(text)), [file, text]);
  const validated = useMemo(() => validate(parsed, swapped), [parsed, swapped]);
  // The land outline, fetched once there is something to check against it.
  const land = useQuery({ ...landQueryOptions, enabled: parsed.entries.length > 0 });
  const suspects = useMemo(
    () =>
      land.data
        ? validated.locations.filter(
            (l) => !swapped.has(l.line) && land.data.probablySwapped(l.lat, l.lng),
          )
        : [],
    [land.data, validated, swapped],
  );
  const swap = (lines: number[]) => setSwapped(new Set([...swapped, ...lines]));
  const empty = !file && text.trim() === '';
  const locations = useMemo(
    () => validated.locations.map(({ lat, lng }) => ({ lat, lng })),
    [validated],
  );
  const chunks = splitIntoSessions(validated.locations);
  const stats = useQuery(listingStatsOptions());
  const remaining = stats.data?.remaining;
  const overCap = remaining !== undefined && remaining !== -1 && locations.length > remaining;

  const submit = useMutation({
    mutationFn: async () => {
      // More than one session: a run, submitted from its own page (resumable, one at a time).
      if (chunks.length > 1) {
        const source = file?.name ?? null;
        const run = newRun(
          source ?? `${locations.length} locations`,
          chunks.map((chunk) => ({
            locations: chunk.map(({ lat, lng }) => ({ lat, lng })),
            rows: sessionInputOf(chunk, parsed.columns, source).rows,
          })),
          { columns: parsed.columns, source },
        );
        if ((await saveRun(run)) !== null) {
          void navigate(`/runs/${run.id}`);
          return [];
        }
        // This browser stores nothing (a private window): the sessions are created here.
      }
      const done: Created[] = [];
      // One at a time, so a failure stops before creating more and says which one failed.
      for (const chunk of chunks) {
        const session = await createSession(chunk.map(({ lat, lng }) => ({ lat, lng })));
        // The rows as the user wrote them, to come back with the results (by coordinate).
        await saveSessionInput(
          session.sessionId,
          sessionInputOf(chunk, parsed.columns, file?.name ?? null),
        );
        rememberSession({
          sessionId: session.sessionId,
          status: 'QUEUED',
          processed: 0,
          total: session.total,
        });
        done.push({ sessionId: session.sessionId, total: session.total });
        setCreated([...done]);
      }
      return done;
    },
    onSuccess: (done) => {
      if (done.length === 1 && done[0])
        void navigate(`/sessions/${encodeURIComponent(done[0].sessionId)}`);
    },
  });

  async function handleFile(f: File | undefined) {
    setFileError(null);
    if (!f) return;
    setReading(true);
    try {
      setFile({ name: f.name, parsed: await readLocationsFile(f) });
      setSwapped(new Set());
    } catch (e) {
      setFileError(`That file could not be read: ${(e as Error).message}`);
    } finally {
      setReading(false);
    }
  }

  const problems = validated.problems.filter((p) => !(empty && p.line === 0));
  const blocked = problems.length > 0;
  const submitLabel =
    chunks.length > 1
      ? `Create a run of ${chunks.length} sessions`
      : blocked
        ? `Drop ${problems.length} bad row${problems.length === 1 ? '' : 's'} and create the session`
        : 'Create session';

  return (
    <div className="flex flex-col gap-4">
      <Card title="Locations">
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="flex flex-col gap-2">
            <label htmlFor={textId} className="text-sm font-medium">
              Paste coordinates: one “lat,lng” per line
            </label>
            <textarea
              id={textId}
              value={text}
              disabled={!!file}
              onChange={(e) => {
                setText(e.target.value);
                setSwapped(new Set());
              }}
              rows={10}
              spellCheck={false}
              placeholder={'48.8566, 2.3522\n40.7580\t-73.9855\n35.6812; 139.7671  # Tokyo'}
              className="rounded-md border border-slate-300 p-2 font-mono text-sm disabled:bg-slate-100"
            />
          </div>
          <div className="flex flex-col gap-2">
            <label htmlFor={fileId} className="text-sm font-medium">
              …or choose a CSV or GeoJSON file
            </label>
            <input
              id={fileId}
              type="file"
              accept=".csv,.geojson,.json,.txt,text/csv,application/geo+json,application/json"
              onChange={(e) => void handleFile(e.target.files?.[0])}
              className="text-sm"
            />
            <p className="text-xs text-slate-600">
              CSV: a header row names the latitude (lat, latitude, y) and longitude (lng, lon, long,
              longitude, x) columns; other columns become a label. GeoJSON: Point features. The
              failed-locations CSV of a session works as it is.
            </p>
            {reading && (
              <p role="status" className="text-sm">
                Reading the file…
              </p>
            )}
            {fileError && (
              <p role="alert" className="text-sm text-red-800">
                {fileError}
              </p>
            )}
            {file && (
              <p className="text-sm">
                Using <span className="font-medium">{file.name}</span>{' '}
                <Button
                  variant="ghost"
                  onClick={() => {
                    setFile(null);
                    setSwapped(new Set());
                  }}
                >
                  Use pasted text instead
                </Button>
              </p>
            )}
          </div>
        </div>
      </Card>

      {!empty && (
        <>
          <p className="text-sm" role="status">
            <span className="font-semibold">{locations.length}</span> valid location
            {locations.length === 1 ? '' : 's'}
            {problems.length > 0 && `, ${problems.length} with problems`}
            {validated.duplicates.length > 0 &&
              `, ${validated.duplicates.length} duplicates merged`}
            .
          </p>
          <ProblemList problems={problems} duplicates={validated.duplicates} onSwap={swap} />
          <SwapCheck
            suspects={suspects}
            swappedCount={swapped.size}
            onSwap={swap}
            onUndo={() => setSwapped(new Set())}
          />
          {locations.length > MAX_SESSION_LOCATIONS && (
            <p
              role="note"
              className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950"
            >
              A session takes at most {MAX_SESSION_LOCATIONS} locations. These {locations.length}{' '}
              can go as {chunks.length} sessions ({chunks.map((c) => c.length).join(' + ')}),
              watched together as one run: they are submitted one after another from the run’s page,
              which picks up where it stopped if you close it.
            </p>
          )}
          {remaining !== undefined && (
            <p
              className={`text-sm ${overCap ? 'rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950' : 'text-slate-700'}`}
              role={overCap ? 'alert' : undefined}
            >
              {remaining === -1
                ? 'Your plan has no listing cap.'
                : overCap
                  ? `Your account has ${remaining} listing slot${remaining === 1 ? '' : 's'} left, fewer than these ${locations.length} locations: up to ${locations.length - remaining} of them would fail with “Listing limit reached” (locations you already have listings for do not need a slot).`
                  : `Your account has ${remaining} listing slots left.`}
            </p>
          )}
          {locations.length > 0 && renderPreview(locations)}
        </>
      )}

      {submit.isError && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          The session could not be created: {submit.error.message} Your locations are still here.
        </p>
      )}
      {created.length > 1 && (
        <Card title="Sessions created">
          <ul className="flex flex-col gap-1 text-sm">
            {created.map((c) => (
              <li key={c.sessionId}>
                <Link
                  to={`/sessions/${encodeURIComponent(c.sessionId)}`}
                  className="font-mono text-teal-800 underline"
                >
                  {c.sessionId}
                </Link>{' '}
                · {c.total} locations
              </li>
            ))}
          </ul>
        </Card>
      )}
      <div>
        <Button
          variant="primary"
          disabled={locations.length === 0 || submit.isPending || created.length > 1}
          onClick={() => submit.mutate()}
        >
          {submit.isPending ? 'Creating…' : submitLabel}
        </Button>
        {blocked && locations.length > 0 && (
          <p className="mt-1 text-xs text-slate-600">
            Fix the rows above, or create the session with the valid locations only.
          </p>
        )}
      </div>
    </div>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useRef, useState } from 'react';
import { isApiError } from '@/api/client';
import { deleteListing } from '@/api/endpoints';
import { listingDetailsOptions, listingStatsOptions } from '@/api/queries';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import {
  markListingDeleted,
  markListingReplaced,
  useReplacedListings,
} from '@/lib/deleted-listings';
import { explainLocationError } from '@/lib/location-errors';
import type { ResultRow } from '@/lib/results';
import type { Listing } from '@/contract/schemas';
import { parseApiTimestamp } from '@/contract/timestamps';
import { formatAbsolute } from '@/lib/time-format';
import { DeleteListingDialog } from './delete-listing-dialog';
import { ListingAnalysisView } from './listing-analysis';

export interface ListingDetailsProps {
  row: ResultRow;
  /** Where it is among the rows shown (`index` null: the filters hide it). */
  position: { index: number | null; count: number };
  deleted: boolean;
  /** The user's own columns: the row's values under them are shown first. */
  inputColumns?: readonly string[];
  onClose: () => void;
  /** After this listing was deleted: focus goes back to its row. */
  onDeleted?: () => void;
  onPrevious: () => void;
  onNext: () => void;
}

/** The selected location: what the status result says at once, then the full analysis. */
export function ListingDetails({
  row,
  position,
  deleted,
  inputColumns = [],
  onClose,
  onDeleted,
  onPrevious,
  onNext,
}: ListingDetailsProps) {
  const panel = useRef<HTMLElement>(null);
  const handlers = useRef({ onClose, onPrevious, onNext });
  useEffect(() => {
    handlers.current = { onClose, onPrevious, onNext };
  });
  // Each listing's details take focus, unless it is in them already (Prev/Next keep it).
  useEffect(() => {
    if (!panel.current?.contains(document.activeElement)) panel.current?.focus();
  }, [row.selectionKey]);
  useEffect(() => {
    function handleKey(event: KeyboardEvent) {
      if (document.querySelector('[aria-modal="true"]')) return;
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (event.key === 'Escape') handlers.current.onClose();
      else if (event.key === 'ArrowDown' && event.altKey) handlers.current.onNext();
      else if (event.key === 'ArrowUp' && event.altKey) handlers.current.onPrevious();
      else return;
      event.preventDefault();
    }
    document.addEventListener('keydown', handleKey);
    return () => document.removeEventListener('keydown', handleKey);
  }, []);

  const r = row.result;
  const analyzed = parseApiTimestamp(r.analyzed_at);
  const replacedBy = useReplacedListings().get(row.selectionKey) ?? null;
  return (
    <aside
      ref={panel}
      tabIndex={-1}
      aria-label="Listing details"
      className="flex max-h-[44rem] flex-col gap-3 overflow-y-auto rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 className="min-w-0 text-lg font-semibold break-words">
          {row.label ?? (r.status === 'success' ? 'Listing' : 'Failed location')}
        </h2>
        <div className="ml-auto flex shrink-0 items-center gap-1 whitespace-nowrap">
          <Button
            variant="ghost"
            onClick={onPrevious}
            disabled={position.count === 0}
            aria-label="Previous location (Alt+Up)"
            aria-keyshortcuts="Alt+ArrowUp"
          >
            ‹ Prev
          </Button>
          <span className="text-xs text-slate-600 tabular-nums">
            {position.index === null
              ? `not among the ${position.count} shown`
              : `${position.index + 1} / ${position.count}`}
          </span>
          <Button
            variant="ghost"
            onClick={onNext}
            disabled={position.count === 0}
            aria-label="Next location (Alt+Down)"
            aria-keyshortcuts="Alt+ArrowDown"
          >
            Next ›
          </Button>
          <Button
            variant="ghost"
            onClick={onClose}
            aria-label="Close details (Escape)"
            aria-keyshortcuts="Escape"
          >
            ✕
          </Button>
        </div>
      </div>

      {r.status === 'success' && (
        <div className="flex items-center gap-3">
          <span
            className="rounded-md px-2.5 py-1 text-2xl font-bold tabular-nums"
            style={{ background: row.band?.color, color: row.band?.textColor }}
          >
            {r.quiet_score}
          </span>
          <span className="font-medium">{row.band?.level}</span>
          {(deleted || replacedBy !== null) && (
            <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold">
              Deleted
            </span>
          )}
        </div>
      )}

      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {row.input && (
          <>
            <dt className="text-slate-600">Your row</dt>
            <dd className="tabular-nums">
              line {row.input.inputRow} ({row.input.lat}, {row.input.lng})
            </dd>
            {inputColumns.map((column, i) => (
              <Fragment key={column + i}>
                <dt className="text-slate-600">{column}</dt>
                <dd className="break-words">{row.input?.values[i] || '—'}</dd>
              </Fragment>
            ))}
          </>
        )}
        {r.status === 'failed' && row.label && (
          <>
            <dt className="text-slate-600">Outcome</dt>
            <dd>Failed</dd>
          </>
        )}
        <dt className="text-slate-600">Coordinates</dt>
        <dd className="tabular-nums">
          {r.lat}, {r.lng}
        </dd>
        {r.status === 'success' && (
          <>
            <dt className="text-slate-600">Listing ID</dt>
            <dd className="flex items-center gap-1 font-mono text-xs break-all">
              {r.listing_id} <CopyButton value={r.listing_id} label="Copy listing ID" />
            </dd>
          </>
        )}
        <dt className="text-slate-600">Analyzed</dt>
        <dd>{analyzed === null ? r.analyzed_at : formatAbsolute(analyzed)}</dd>
      </dl>

      {r.status === 'failed' ? (
        <FailedDetails error={r.error} />
      ) : replacedBy ? (
        <ReplacedDetails
          listingId={r.listing_id}
          newListingId={replacedBy}
          lat={r.lat}
          lng={r.lng}
          analyzedAt={r.analyzed_at}
        />
      ) : deleted ? (
        <p className="text-sm text-slate-700">
          This listing was deleted; it no longer counts toward your active listings.
        </p>
      ) : (
        <SuccessDetails
          key={r.listing_id}
          listingId={r.listing_id}
          lat={r.lat}
          lng={r.lng}
          analyzedAt={r.analyzed_at}
          loaded={row.analysis ?? null}
          problem={row.analysisProblem ?? null}
          onDeleted={onDeleted}
        />
      )}
    </aside>
  );
}

/**
 * The session's load brought no analysis for this listing: the API's message, or for an answer
 * that broke the contract, what was wrong and the raw answer; one lookup of its own is offered.
 */
function AnalysisUnavailable({
  problem,
  checking,
  onRetry,
}: {
  problem: NonNullable<ResultRow['analysisProblem']>;
  checking: boolean;
  onRetry: () => void;
}) {
  return (
    <div
      role="note"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-medium">Analysis unavailable</p>
      <p className="mt-1 break-words">{problem.message}</p>
      {problem.kind === 'invalid' && (
        <details className="mt-2">
          <summary className="cursor-pointer">Show the raw response</summary>
          <pre className="mt-1 max-h-60 overflow-auto rounded bg-white p-2 text-xs whitespace-pre-wrap">
            {JSON.stringify(problem.raw, null, 2)}
          </pre>
        </details>
      )}
      <Button className="mt-2" onClick={onRetry} disabled={checking}>
        Look it up on its own (one API call)
      </Button>
    </div>
  );
}

function FailedDetails({ error }: { error: string }) {
  const explanation = explainLocationError(error);
  return (
    <div className="rounded-md border border-slate-200 p-3 text-sm">
      <p className="font-medium">{error}</p>
      <p className="mt-1 text-slate-700">{explanation.meaning}</p>
      <p className="mt-1 text-slate-700">
        <span className="font-medium">What you can do:</span> {explanation.action}
      </p>
    </div>
  );
}

interface ListingAt {
  listingId: string;
  lat: number;
  lng: number;
}

/**
 * The result's listing was deleted elsewhere (another browser, a teammate, the API): looking up
 * its coordinates created a new listing. Said once, with the new ID; its analysis is the one
 * already fetched, never fetched again unasked.
 */
function ReplacedDetails({
  listingId,
  newListingId,
  lat,
  lng,
  analyzedAt,
}: ListingAt & { newListingId: string; analyzedAt: string }) {
  const details = useQuery({
    ...listingDetailsOptions(listingId, { lat, lng }, analyzedAt),
    enabled: false,
  });
  return (
    <>
      <div
        role="note"
        className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
      >
        <p className="font-medium">A new listing was created in its place.</p>
        <p className="mt-1">
          The listing this result names no longer exists: it was deleted elsewhere (another browser,
          a teammate, or the API). Looking up its details at these coordinates created a new
          listing, which uses a listing slot.
        </p>
        <p className="mt-2 flex items-center gap-1">
          New listing ID: <span className="font-mono text-xs break-all">{newListingId}</span>
          <CopyButton value={newListingId} label="Copy the new listing ID" />
        </p>
      </div>
      {details.data ? (
        <ListingAnalysisView listing={details.data.response} />
      ) : (
        <Button onClick={() => void details.refetch()} disabled={details.isFetching}>
          Show the new listing’s analysis (one API call)
        </Button>
      )}
    </>
  );
}

interface SuccessDetailsProps extends ListingAt {
  analyzedAt: string;
  /** The analysis loaded with the session's (no call needed). */
  loaded: Listing | null;
  /** Why the session's load brought no analysis for it. */
  problem: ResultRow['analysisProblem'];
  onDeleted?: () => void;
}

function SuccessDetails({
  listingId,
  lat,
  lng,
  analyzedAt,
  loaded,
  problem,
  onDeleted,
}: SuccessDetailsProps) {
  const queryClient = useQueryClient();
  // Asked for only when the session's analysis has nothing for it (then: kept, else one call).
  const details = useQuery({
    ...listingDetailsOptions(listingId, { lat, lng }, analyzedAt),
    enabled: !loaded && !problem,
  });
  const shown = loaded ?? details.data?.response ?? null;
  // Another listing came back: this one was deleted elsewhere, and the lookup made a new one.
  const returnedId = details.data?.response.listing_id;
  useEffect(() => {
    if (returnedId && returnedId !== listingId) markListingReplaced(listingId, returnedId);
  }, [returnedId, listingId]);
  const [confirming, setConfirming] = useState(false);
  const stats = useQuery({ ...listingStatsOptions(), enabled: confirming });
  const remove = useMutation({
    mutationFn: () => deleteListing(listingId),
    onSuccess: () => {
      markListingDeleted(listingId);
      setConfirming(false);
      onDeleted?.();
      void queryClient.invalidateQueries({ queryKey: listingStatsOptions().queryKey });
    },
  });

  return (
    <>
      <p className="text-xs text-slate-600">
        Full analysis: one API call per listing (none once the session’s is loaded), then kept in
        this browser.
      </p>
      {problem && !details.data && (
        <AnalysisUnavailable
          problem={problem}
          checking={details.isFetching}
          onRetry={() => void details.refetch()}
        />
      )}
      {!shown && !problem && details.isPending && (
        <p className="text-sm text-slate-700" role="status">
          Loading the full analysis…
        </p>
      )}
      {details.isError && (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          <p>The full analysis could not be loaded: {details.error.message}</p>
          <Button className="mt-2" onClick={() => void details.refetch()}>
            Try again
          </Button>
        </div>
      )}
      {shown && <ListingAnalysisView listing={shown} />}
      <div className="border-t border-slate-200 pt-3">
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete listing…
        </Button>
        {remove.isError && (
          <p role="alert" className="mt-2 text-sm text-red-800">
            {isApiError(remove.error) && remove.error.status === 409
              ? `Not deleted: your plan’s permanent deletion limit is used up. ${remove.error.message}`
              : `Not deleted: ${remove.error.message}`}
          </p>
        )}
      </div>
      {confirming && (
        <DeleteListingDialog
          stats={stats.data ?? null}
          statsError={stats.error}
          pending={remove.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => remove.mutate()}
        />
      )}
    </>
  );
}

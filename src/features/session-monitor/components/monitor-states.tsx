import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError, quotaExhausted } from '@/api/client';
import { QuotaNotice } from '@/components/quota-notice';
import { openApiKeyDialog } from '@/lib/api-key';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useNow } from '@/lib/use-now';

export function MonitorSkeleton() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true" aria-label="Loading the session">
      <Skeleton className="h-10 w-full" />
      <CardsSkeleton />
      <Skeleton className="h-[28rem]" />
    </div>
  );
}

/**
 * The four summary cards' grid, and the room a row of it takes from two columns up (the cards'
 * height there, so that the skeleton's row and the cards' are the same: nothing below moves).
 */
export const CARDS_GRID =
  'grid gap-4 md:grid-cols-2 md:auto-rows-[minmax(17.5rem,auto)] xl:grid-cols-4';

/** Where the four summary cards will be. */
export function CardsSkeleton() {
  return (
    <div className={CARDS_GRID}>
      {[0, 1, 2, 3].map((i) => (
        <Skeleton key={i} className="h-56 md:h-auto" />
      ))}
    </div>
  );
}

export interface MonitorErrorProps {
  error: Error;
  sessionId: string;
  /** When the next automatic retry is due (ms since epoch), when there is one. */
  retryAt: number | null;
  onRetry: () => void;
}

/** A full-page state only when there is no data at all: what happened and what to do. */
export function MonitorError({ error, sessionId, retryAt, onRetry }: MonitorErrorProps) {
  const [showRaw, setShowRaw] = useState(false);
  const now = useNow(1000);
  const retryIn = retryAt === null ? null : Math.max(0, Math.ceil((retryAt - now) / 1000));
  const kind = isApiError(error) ? error.kind : 'server';
  const back = (
    <Link to="/" className="text-teal-800 underline">
      Back to sessions
    </Link>
  );
  let title: string;
  let body: React.ReactNode;
  switch (kind) {
    case 'unauthorized':
      title = 'This API key cannot read sessions';
      body = (
        <>
          <p>The server did not accept the API key. Enter a valid key to load this session.</p>
          <div className="mt-3 flex gap-3">
            <Button
              variant="primary"
              onClick={() =>
                openApiKeyDialog('The server did not accept the API key. Enter a valid one.')
              }
            >
              Enter API key
            </Button>
          </div>
        </>
      );
      break;
    case 'not_found':
      title = 'No session with this ID for this key';
      body = (
        <p>
          <code className="rounded bg-slate-100 px-1.5 py-0.5 break-all">{sessionId}</code> does not
          exist, or it belongs to another account. Check the ID, or the API key in use.
        </p>
      );
      break;
    case 'network':
      title = 'Can’t reach the server';
      body = <p>{retryIn !== null ? `Retrying in ${retryIn} s.` : 'Check your connection.'}</p>;
      break;
    case 'quota': {
      const exhausted = quotaExhausted(error);
      if (exhausted) {
        title = 'Monthly quota used up';
        body = (
          <QuotaNotice resetAt={exhausted.resetAt}>
            This browser has not kept an earlier view of this session. The session itself goes on on
            the API’s side: its results will be here once calls are allowed again.
          </QuotaNotice>
        );
        break;
      }
      title = 'Rate limited';
      body = (
        <p>
          {error.message} {retryIn !== null && `Retrying in ${retryIn} s.`}
        </p>
      );
      break;
    }
    case 'invalid_payload':
      title = 'The server’s answer is not what the API documents';
      body = (
        <>
          <p>{error.message}</p>
          <Button className="mt-3" onClick={() => setShowRaw((v) => !v)} aria-expanded={showRaw}>
            {showRaw ? 'Hide' : 'Show'} the raw response
          </Button>
          {showRaw && isApiError(error) && (
            <pre className="mt-3 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
              {typeof error.body === 'string' ? error.body : JSON.stringify(error.body, null, 2)}
            </pre>
          )}
        </>
      );
      break;
    default:
      title = 'The server could not answer';
      body = <p>{error.message}</p>;
  }
  return (
    <Card className="mx-auto max-w-2xl">
      <div role="alert">
        <h1 className="text-xl font-semibold">{title}</h1>
        <div className="mt-2 text-slate-700">{body}</div>
      </div>
      <div className="mt-4 flex items-center gap-4">
        <Button onClick={onRetry}>Try again now</Button>
        {back}
      </div>
    </Card>
  );
}

import type { ReactNode } from 'react';
import { formatAbsolute, formatIsoUtc } from '@/lib/time-format';

export interface QuotaNoticeProps {
  /** When the quota resets (from the refusal's `Retry-After`), if the API said. */
  resetAt: number | null;
  /** What it means on this page. */
  children?: ReactNode;
}

/**
 * The month's API calls are used up: a state of its own, not a rate limit to wait out. Says
 * when it ends and what still works, never counts down to a retry.
 */
export function QuotaNotice({ resetAt, children }: QuotaNoticeProps) {
  return (
    <div
      role="alert"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-semibold">This API key’s monthly calls are used up</p>
      <p className="mt-1">
        The API refuses every call, this page’s included, until the quota resets
        {resetAt === null ? (
          ' at the start of the next billing period'
        ) : (
          <>
            {' '}
            on <time dateTime={formatIsoUtc(resetAt)}>{formatAbsolute(resetAt)}</time>
          </>
        )}
        . A plan with more calls lifts it at once.
      </p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}

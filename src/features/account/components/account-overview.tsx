import { useQuery } from '@tanstack/react-query';
import { isApiError, quotaExhausted } from '@/api/client';
import { QuotaNotice } from '@/components/quota-notice';
import { openApiKeyDialog } from '@/lib/api-key';
import { accountUsageOptions, listingStatsOptions } from '@/api/queries';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { formatCount } from '@/lib/units';
import { UsageMeter } from './usage-meter';

const unlimited = (n: number) => (n === -1 ? 'unlimited' : formatCount(n));

/** Plan, API calls, listings and deletions, from /v2/account/usage and /v2/listings/stats. */
export function AccountOverview() {
  const usage = useQuery(accountUsageOptions());
  const stats = useQuery(listingStatsOptions());
  const error = usage.error ?? stats.error;
  const exhausted = quotaExhausted(error);
  if (exhausted) {
    // The last usage this browser saw (the header's), if any: the cap it reached.
    const u = usage.data?.response;
    return (
      <QuotaNotice resetAt={exhausted.resetAt}>
        {u && (
          <p>
            Your <span className="capitalize">{u['Subscription Plan']}</span> plan allows{' '}
            {formatCount(u['API Key Max Plan Usage'])} calls a month; this browser last counted{' '}
            {formatCount(u['API Key Current Usage'])}.
          </p>
        )}
        <p>
          Sessions already created go on on the API’s side: their results will be there after the
          reset. Listings and their scores are kept.
        </p>
      </QuotaNotice>
    );
  }
  if (error) {
    return (
      <Card>
        <div role="alert">
          <p className="font-medium">The account could not be loaded: {error.message}</p>
          {isApiError(error) && error.kind === 'unauthorized' && (
            <Button
              className="mt-3"
              variant="primary"
              onClick={() => openApiKeyDialog('Enter the API key of the account to show.')}
            >
              Enter API key
            </Button>
          )}
        </div>
      </Card>
    );
  }
  if (!usage.data || !stats.data) {
    return (
      <div className="grid gap-4 md:grid-cols-2" aria-busy="true" aria-label="Loading the account">
        <Skeleton className="h-40" />
        <Skeleton className="h-40" />
      </div>
    );
  }
  const u = usage.data.response;
  const s = stats.data;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card title="Plan and API calls">
        <p className="mb-3 text-lg">
          Plan: <span className="font-semibold capitalize">{u['Subscription Plan']}</span>
        </p>
        <UsageMeter
          label="API calls this billing period"
          used={u['API Key Current Usage']}
          max={u['API Key Max Plan Usage']}
          hint="Every API call counts, including this page’s. Usage resets at the start of each billing period."
        />
      </Card>
      <Card title="Listings">
        <div className="flex flex-col gap-4">
          <UsageMeter
            label="Active listings"
            used={s.total_listings}
            max={s.max_listings}
            hint={`${unlimited(s.remaining)} slots left.`}
          />
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <div>
              <dt className="text-slate-600">New today</dt>
              <dd className="text-lg font-semibold tabular-nums">
                {formatCount(s.listings_today)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">New this month</dt>
              <dd className="text-lg font-semibold tabular-nums">
                {formatCount(s.listings_this_month)}
              </dd>
            </div>
          </dl>
          <UsageMeter
            label="Deletions used"
            used={s.deletions_count}
            max={s.deletions_max}
            hint={`${unlimited(s.deletions_remaining)} deletions left. The deletion limit is permanent: it never resets.`}
          />
        </div>
      </Card>
    </div>
  );
}

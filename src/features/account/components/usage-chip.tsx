import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { quotaExhausted } from '@/api/client';
import { accountUsageOptions } from '@/api/queries';
import { formatCount } from '@/lib/units';
import { useAfterPaint } from '@/lib/use-after-paint';

/**
 * Header chip: plan and API calls used, linking to the account page. Asked for once the page
 * has painted: it is never what the user came to see, and its answer's render would share the
 * moment the page's own content arrives.
 */
export function UsageChip() {
  const painted = useAfterPaint();
  const { data, error } = useQuery({
    ...accountUsageOptions(),
    staleTime: 60_000,
    retry: false,
    enabled: painted,
  });
  const exhausted = quotaExhausted(error);
  if (exhausted)
    return (
      <Link
        to="/account"
        className="rounded-full bg-amber-100 px-2.5 py-1 text-xs font-medium text-amber-950"
      >
        Monthly calls used up
      </Link>
    );
  if (!data) return null;
  const r = data.response;
  const max = r['API Key Max Plan Usage'];
  const used = r['API Key Current Usage'];
  const high = max !== -1 && used >= max * 0.8;
  return (
    <Link
      to="/account"
      className={`rounded-full px-2.5 py-1 text-xs font-medium ${high ? 'bg-amber-100 text-amber-950' : 'bg-slate-100 text-slate-800'}`}
    >
      {/* The plan's name gives way on the narrowest phones: the header fits in 320 px. */}
      <span className="capitalize max-[359px]:sr-only">{r['Subscription Plan']} · </span>
      {formatCount(used)}/{max === -1 ? '∞' : formatCount(max)} calls
    </Link>
  );
}

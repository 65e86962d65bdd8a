import type { Listing } from '@/contract/schemas';
import { MODELED_NOTE } from '@/lib/analysis';
import { bandForLevel } from '@/lib/score-bands';
import { parseApiTimestamp } from '@/contract/timestamps';
import { formatAbsolute } from '@/lib/time-format';
import { milesAndKm } from '@/lib/units';
import { everydayComparison } from '../lib/dba-comparison';

export interface ListingAnalysisViewProps {
  listing: Listing;
}

function localTime(zone: unknown): string | null {
  if (typeof zone !== 'string') return null;
  try {
    return new Intl.DateTimeFormat(undefined, {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(Date.now());
  } catch {
    return null;
  }
}

/** The full analysis. Every API string is rendered as text, never as markup. */
export function ListingAnalysisView({ listing }: ListingAnalysisViewProps) {
  const dn = listing.quiet_day_night;
  const zone = (dn as { time_zone?: unknown }).time_zone;
  const now = localTime(zone);
  const sources = [...listing.noise_sources].sort(
    (a, b) => b.estimated_effective_db - a.estimated_effective_db,
  );
  const band = bandForLevel(listing.quietness_level);
  const created = listing.created_at ? parseApiTimestamp(listing.created_at) : null;
  const updated = listing.updated_at ? parseApiTimestamp(listing.updated_at) : null;
  return (
    <div className="flex flex-col gap-4 text-sm">
      <section>
        <h3 className="font-semibold">{listing.quietness_level}</h3>
        <p className="text-slate-700">{listing.quietness_description}</p>
        {band && band.description !== listing.quietness_description && (
          <p className="mt-1 text-xs text-slate-600">{band.description}</p>
        )}
      </section>

      <section aria-labelledby="daynight-title">
        <h3 id="daynight-title" className="mb-1 font-semibold">
          Day and night
        </h3>
        <div className="grid grid-cols-2 gap-2">
          {(
            [
              ['Day', dn.day_window_local, dn.quiet_score_day, dn.estimated_noise_db_day],
              ['Night', dn.night_window_local, dn.quiet_score_night, dn.estimated_noise_db_night],
            ] as const
          ).map(([label, window, score, db]) => (
            <div key={label} className="rounded-md border border-slate-200 p-2">
              <p className="text-slate-600">
                {label} <span className="text-xs">({window} local)</span>
              </p>
              <p className="text-lg font-semibold tabular-nums">Score {score}</p>
              <p className="tabular-nums">
                ≈ {db} {dn.noise_db_unit}
              </p>
              <p className="text-xs text-slate-600">{everydayComparison(db)}</p>
            </div>
          ))}
        </div>
        <p className="mt-1 text-xs text-slate-600">Levels: {MODELED_NOTE}.</p>
        {typeof zone === 'string' && (
          <p className="mt-1 text-xs text-slate-600">
            Time zone {zone}
            {now && ` · local time now ${now}`}
          </p>
        )}
      </section>

      <section aria-labelledby="sources-title">
        <h3 id="sources-title" className="mb-1 font-semibold">
          Noise sources
        </h3>
        {sources.length === 0 ? (
          <p className="text-slate-700">No notable noise source nearby.</p>
        ) : (
          <ol className="flex flex-col gap-1.5">
            {sources.map((s, i) => (
              <li key={`${s.category}-${i}`} className="rounded-md border border-slate-200 p-2">
                <p className="flex justify-between gap-2">
                  <span className="font-medium">{s.name}</span>
                  <span className="tabular-nums">{s.estimated_effective_db} dB</span>
                </p>
                <p className="text-slate-700">{s.nearest_source}</p>
                <p className="text-xs text-slate-600">{milesAndKm(s.distance)} away</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-600">Confidence</dt>
        <dd className="capitalize">{listing.quiet_score_confidence}</dd>
        <dt className="text-slate-600">Created</dt>
        <dd>{created === null ? (listing.created_at ?? '—') : formatAbsolute(created)}</dd>
        <dt className="text-slate-600">Updated</dt>
        <dd>{updated === null ? (listing.updated_at ?? '—') : formatAbsolute(updated)}</dd>
      </dl>
    </div>
  );
}

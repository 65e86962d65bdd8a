/**
 * What the full analysis of a listing says beyond its one score, derived the same way for the
 * map, table, charts, filters and exports: its noise sources loudest first, the dominant one,
 * and the night penalty.
 */
import type { Listing, NoiseSource } from '../contract/schemas';

/** The listing's noise sources, loudest (highest estimated effective dB) first. */
export function sourcesByLoudness(listing: Listing): NoiseSource[] {
  // A stable sort: equal levels keep the API's order.
  return [...listing.noise_sources].sort(
    (a, b) => b.estimated_effective_db - a.estimated_effective_db,
  );
}

/** The loudest noise source, or null when the analysis lists none. */
export function dominantSource(listing: Listing): NoiseSource | null {
  let loudest: NoiseSource | null = null;
  for (const s of listing.noise_sources)
    if (!loudest || s.estimated_effective_db > loudest.estimated_effective_db) loudest = s;
  return loudest;
}

/**
 * How much lower the night scores than the day: day score − night score. Positive: the night
 * is worse for its purpose (sleep) than the day is for its own; negative: the night is better.
 */
export function nightPenalty(listing: Listing): number {
  const dn = listing.quiet_day_night;
  return dn.quiet_score_day - dn.quiet_score_night;
}

/** A listing's full analysis as loaded: the listing, or why there is none. */
export type AnalysisOutcome =
  | { kind: 'ok'; listing: Listing }
  | { kind: 'failed'; message: string }
  | { kind: 'invalid'; raw: unknown; message: string };

/** The words every view of the analysis carries about its decibels. */
export const MODELED_NOTE = 'estimated dBA, modeled, not measured';

import type { QuietnessLevel } from './schemas';

/** A documented Quiet Score band: its level and the integer scores it covers. */
export interface BandRange {
  level: QuietnessLevel;
  min: number;
  max: number;
  /** The documented description, sent as `quietness_description`. */
  description: string;
}

/** The five documented bands, quietest first. Their colours live in the UI. */
export const BAND_RANGES: readonly BandRange[] = [
  {
    level: 'Very Quiet',
    min: 80,
    max: 100,
    description: 'Calm almost all the time, with very little environmental noise day and night.',
  },
  {
    level: 'Quiet',
    min: 60,
    max: 79,
    description: 'Generally calm with occasional everyday sounds. Comfortable for most people.',
  },
  {
    level: 'Moderate',
    min: 40,
    max: 59,
    description: 'Noticeable urban or suburban background noise, usually tolerable.',
  },
  {
    level: 'Noisy',
    min: 20,
    max: 39,
    description: 'Frequent or raised noise that can affect comfort, focus or sleep.',
  },
  {
    level: 'Very Noisy',
    min: 0,
    max: 19,
    description: 'Persistent or intense noise that dominates the surroundings.',
  },
];

/** The index in `BAND_RANGES` of an integer score 0–100 (scores outside are clamped). */
export function bandIndexForScore(score: number): number {
  const s = Math.min(100, Math.max(0, Math.round(score)));
  // A loop, not `findIndex` with a closure: called for every result of every poll, allocation-free.
  for (let i = 0; i < BAND_RANGES.length; i++) {
    const band = BAND_RANGES[i] as BandRange;
    if (s >= band.min && s <= band.max) return i;
  }
  throw new RangeError(`Not a score: ${score}`); // NaN; the schemas only let 0–100 through
}

/** The documented level of a score. */
export function levelForScore(score: number): QuietnessLevel {
  return (BAND_RANGES[bandIndexForScore(score)] as BandRange).level;
}

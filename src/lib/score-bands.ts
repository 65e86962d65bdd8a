/**
 * The one module that owns the five documented Quiet Score bands: their ranges, levels,
 * descriptions and colors. The map, legend, charts, table, details and the emulator's model
 * all use it, so every view agrees.
 *
 * Colors: ColorBrewer RdYlBu (color-blind safe), blue for quiet through red for noisy, with
 * the pale centre class left out so every band stays visible on white and on the map.
 */
import type { QuietnessLevel } from '../api/schemas';

export interface ScoreBand {
  level: QuietnessLevel;
  min: number;
  max: number;
  color: string;
  /** Text on the band's color that passes WCAG AA. */
  textColor: string;
  description: string;
}

export const SCORE_BANDS: readonly ScoreBand[] = [
  {
    level: 'Very Quiet',
    min: 80,
    max: 100,
    color: '#4575b4',
    textColor: '#ffffff',
    description: 'Calm almost all the time, with very little environmental noise day and night.',
  },
  {
    level: 'Quiet',
    min: 60,
    max: 79,
    color: '#91bfdb',
    textColor: '#0f172a',
    description: 'Generally calm with occasional everyday sounds. Comfortable for most people.',
  },
  {
    level: 'Moderate',
    min: 40,
    max: 59,
    color: '#fee090',
    textColor: '#0f172a',
    description: 'Noticeable urban or suburban background noise, usually tolerable.',
  },
  {
    level: 'Noisy',
    min: 20,
    max: 39,
    color: '#fc8d59',
    textColor: '#0f172a',
    description: 'Frequent or raised noise that can affect comfort, focus or sleep.',
  },
  {
    level: 'Very Noisy',
    min: 0,
    max: 19,
    color: '#d73027',
    textColor: '#ffffff',
    description: 'Persistent or intense noise that dominates the surroundings.',
  },
];

export const FAILED_COLOR = '#64748b';

/** The band of an integer score 0–100 (scores outside are clamped). */
export function bandForScore(score: number): ScoreBand {
  const s = Math.min(100, Math.max(0, Math.round(score)));
  // A loop, not `find` with a closure: called for every result of every poll, allocation-free.
  for (let i = 0; i < SCORE_BANDS.length; i++) {
    const band = SCORE_BANDS[i] as ScoreBand;
    if (s >= band.min && s <= band.max) return band;
  }
  throw new RangeError(`Not a score: ${score}`); // NaN; the schemas only let 0–100 through
}

export function bandForLevel(level: string): ScoreBand | undefined {
  return SCORE_BANDS.find((b) => b.level.toLowerCase() === level.toLowerCase());
}

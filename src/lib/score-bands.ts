/**
 * The five documented Quiet Score bands as the UI shows them: the contract's ranges
 * and descriptions (`src/contract/score-bands.ts`) with their colors. The map, legend, charts, table
 * and details all use this module, so every view agrees.
 *
 * Colors: ColorBrewer RdYlBu (color-blind safe), blue for quiet through red for noisy, with
 * the pale centre class left out so every band stays visible on white and on the map.
 */
import { BAND_RANGES, bandIndexForScore, type BandRange } from '../contract/score-bands';
import type { QuietnessLevel } from '../contract/schemas';

export interface ScoreBand extends BandRange {
  color: string;
  /** Text on the band's color that passes WCAG AA. */
  textColor: string;
}

/** Band colors, and text on them that passes WCAG AA. */
const COLORS: Record<QuietnessLevel, { color: string; textColor: string }> = {
  'Very Quiet': { color: '#4575b4', textColor: '#ffffff' },
  Quiet: { color: '#91bfdb', textColor: '#0f172a' },
  Moderate: { color: '#fee090', textColor: '#0f172a' },
  Noisy: { color: '#fc8d59', textColor: '#0f172a' },
  'Very Noisy': { color: '#d73027', textColor: '#ffffff' },
};

/** In the contract's order, so that `bandIndexForScore` indexes both. */
export const SCORE_BANDS: readonly ScoreBand[] = BAND_RANGES.map((band) => ({
  ...band,
  ...COLORS[band.level],
}));

export const FAILED_COLOR = '#64748b';

/** The band of an integer score 0–100 (scores outside are clamped). */
export function bandForScore(score: number): ScoreBand {
  return SCORE_BANDS[bandIndexForScore(score)] as ScoreBand;
}

export function bandForLevel(level: string): ScoreBand | undefined {
  return SCORE_BANDS.find((b) => b.level.toLowerCase() === level.toLowerCase());
}

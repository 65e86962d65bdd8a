/** An everyday comparison for an A-weighted level, from common reference charts (CDC/NIOSH, WHO). */
const COMPARISONS: readonly [maxDb: number, text: string][] = [
  [25, 'about as quiet as a recording studio'],
  [32, 'about as quiet as a whisper or rustling leaves'],
  [38, 'about as loud as a quiet library'],
  [45, 'about as loud as a quiet residential street at night'],
  [52, 'about as loud as a quiet office or a refrigerator hum'],
  [58, 'about as loud as moderate rainfall'],
  [64, 'about as loud as a normal conversation'],
  [70, 'about as loud as a busy restaurant'],
  [76, 'about as loud as a vacuum cleaner'],
  [82, 'about as loud as heavy city traffic'],
];

export function everydayComparison(db: number): string {
  for (const [max, text] of COMPARISONS) if (db < max) return text;
  return 'as loud as a noisy factory floor or a passing motorcycle';
}

/** Statute mile in kilometres (exact). The API gives distances in miles (our contract). */
export const KM_PER_MILE = 1.609344;

/** A coordinate for display: at most 5 decimals (about a metre), without trailing zeros. */
export function formatCoordinate(value: number): string {
  return String(Number(value.toFixed(5)));
}

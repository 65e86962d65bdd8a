/** A coordinate for display: at most 5 decimals (about a metre), without trailing zeros. */
export function formatCoordinate(value: number): string {
  return String(Number(value.toFixed(5)));
}

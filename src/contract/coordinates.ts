/** A coordinate as the API keeps it: rounded to 6 decimals (about 0.1 m). */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * The key a listing is matched on: latitude and longitude at 6 decimals, as the API matches an
 * account's listings by coordinate. The emulator stores it; the new-session form finds
 * duplicates with it.
 */
export function coordinateKey(lat: number, lng: number): string {
  return `${round6(lat).toFixed(6)},${round6(lng).toFixed(6)}`;
}

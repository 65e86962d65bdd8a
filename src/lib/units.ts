import { KM_PER_MILE } from '../contract/units';

/** A distance in miles (the API's unit) for display, with kilometres: "0.72 mi (1.16 km)". */
export function milesAndKm(miles: number): string {
  return `${miles.toFixed(2)} mi (${(miles * KM_PER_MILE).toFixed(2)} km)`;
}

/** A coordinate for display: at most 5 decimals (about a metre), without trailing zeros. */
export function formatCoordinate(value: number): string {
  return String(Number(value.toFixed(5)));
}

const counts = new Intl.NumberFormat('en-US');

/**
 * A count with thousands separators: "12,345". One formatter for the app: `toLocaleString`
 * sets up a new one at each call, a tenth of a millisecond that a poll's render pays per number.
 */
export const formatCount = (n: number): string => counts.format(n);

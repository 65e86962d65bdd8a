import { KM_PER_MILE } from '../contract/units';

/** A distance in miles (the API's unit) for display, with kilometres: "0.72 mi (1.16 km)". */
export function milesAndKm(miles: number): string {
  return `${miles.toFixed(2)} mi (${(miles * KM_PER_MILE).toFixed(2)} km)`;
}

/** A coordinate for display: at most 5 decimals (about a metre), without trailing zeros. */
export function formatCoordinate(value: number): string {
  return String(Number(value.toFixed(5)));
}

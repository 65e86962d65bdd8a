/** A map view as the URL keeps it: `?view=lat,lng,zoom`. */
export interface MapView {
  lat: number;
  lng: number;
  zoom: number;
}

/** Zoom 0 shows the whole world in 256 px: a fit on a phone can hold pins on every continent. */
export const MIN_ZOOM = 0;
export const MAX_ZOOM = 18;

/** The view in a `view` parameter, or null for anything malformed (the map then fits its pins). */
export function parseViewParam(value: string | null): MapView | null {
  if (!value) return null;
  const parts = value.split(',');
  if (parts.length !== 3 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p.trim()))) return null;
  const [lat, lng, zoom] = parts.map(Number) as [number, number, number];
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  if (!Number.isInteger(zoom) || zoom < MIN_ZOOM || zoom > MAX_ZOOM) return null;
  return { lat, lng, zoom };
}

/** The `view` parameter for a view: 5 decimals (about a metre) and the zoom level. */
export function formatViewParam({ lat, lng, zoom }: MapView): string {
  const d5 = (v: number) => String(Number(v.toFixed(5)));
  return `${d5(lat)},${d5(lng)},${Math.round(zoom)}`;
}

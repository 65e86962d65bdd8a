/**
 * Natural Earth's TopoJSON is spherical and uncut: a ring crossing ±180° jumps from 179.9 to
 * −179.9, which Leaflet draws as a band across the whole map. Unwrap each ring so longitudes
 * are continuous (each step < 180°), then shift the whole ring by 360° so that its centre lies
 * within [−180, 180]. Shifting every negative longitude instead would tear other rings apart.
 * Rings round a pole (Antarctica) close along the pole and are left alone.
 */
import type { Geometry, Position as GeoJsonPosition } from 'geojson';

export type Position = [number, number];

/** The polygons of a geometry (a Polygon is one, a MultiPolygon several; other types none). */
export function polygonsOf(g: Geometry | null): GeoJsonPosition[][][] {
  if (g?.type === 'Polygon') return [g.coordinates];
  if (g?.type === 'MultiPolygon') return g.coordinates;
  return [];
}

export function unwrapRing(ring: readonly Position[]): Position[] {
  if (ring.length === 0) return [];
  const out: Position[] = [];
  let offset = 0;
  let prev = ring[0]?.[0] ?? 0;
  for (const [lng, lat] of ring) {
    const delta = lng - prev;
    if (delta > 180) offset -= 360;
    else if (delta < -180) offset += 360;
    prev = lng;
    out.push([lng + offset, lat]);
  }
  // A ring round a pole does not close in longitude: leave it as it was.
  const first = out[0] as Position;
  const last = out[out.length - 1] as Position;
  if (Math.abs(first[0] - last[0]) > 1e-9) return ring.map(([a, b]) => [a, b]);
  let min = Infinity;
  let max = -Infinity;
  for (const [lng] of out) {
    min = Math.min(min, lng);
    max = Math.max(max, lng);
  }
  const centre = (min + max) / 2;
  const shift = centre > 180 ? -360 : centre < -180 ? 360 : 0;
  return shift === 0 ? out : out.map(([lng, lat]) => [lng + shift, lat]);
}

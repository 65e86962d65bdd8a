import L from 'leaflet';
import { describe, expect, it } from 'vitest';
import { ProjectedBasemap, project } from './basemap-tiles';

/** A basemap of one rectangle of land, west to east and south to north. */
function square(w: number, s: number, e: number, n: number) {
  const map = new ProjectedBasemap();
  map.add([
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ]);
  return map;
}

/** A context that records the points of its path. */
function recorder() {
  const points: [number, number][] = [];
  const ctx = {
    beginPath() {},
    closePath() {},
    moveTo: (x: number, y: number) => points.push([x, y]),
    lineTo: (x: number, y: number) => points.push([x, y]),
    fill() {},
    stroke() {},
  } as unknown as CanvasRenderingContext2D;
  return { ctx, points };
}
const style = { land: '#fff', border: '#000' };

describe('ProjectedBasemap', () => {
  it('projects as Leaflet does', () => {
    for (const [lat, lng] of [
      [48.85, 2.35],
      [-33.87, 151.2],
      [0, -180],
    ] as const) {
      const p = L.CRS.EPSG3857.latLngToPoint(L.latLng(lat, lng), 0);
      const [x, y] = project(lng, lat);
      expect(x).toBeCloseTo(p.x, 6);
      expect(y).toBeCloseTo(p.y, 6);
    }
  });

  it('draws a polygon on the tiles it touches, in tile pixels, and nothing elsewhere', () => {
    const map = square(0, 0, 10, 10);
    // Zoom 1: four tiles; the square lies just right of and above the centre: tile (1, 0).
    const hit = recorder();
    map.drawTile(hit.ctx, 1, 0, 1, style);
    const [x0, y0] = project(0, 0);
    expect(hit.points[0]?.[0]).toBeCloseTo(x0 * 2 - 256, 6);
    expect(hit.points[0]?.[1]).toBeCloseTo(y0 * 2, 6);
    const miss = recorder();
    map.drawTile(miss.ctx, 0, 3, 2, style);
    expect(miss.points).toEqual([]);
  });

  it('draws the part of a polygon past 180° at the western edge too', () => {
    // Unwrapped across the antimeridian: 170°E to 190°E (= 170°W).
    const map = square(170, 60, 190, 70);
    const west = recorder();
    map.drawTile(west.ctx, 0, 0, 0, style);
    // Drawn twice at zoom 0: once from 170° eastwards, once shifted a world's width west.
    expect(west.points.some(([x]) => x < 10)).toBe(true);
    expect(west.points.some(([x]) => x > 240)).toBe(true);
  });
});

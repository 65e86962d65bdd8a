import Flatbush from 'flatbush';
import type { Position } from 'geojson';

/** Leaflet's tile size; projected coordinates are in pixels of the world at zoom 0. */
export const TILE = 256;
const MAX_LAT = 85.0511287798;

/** Web Mercator at zoom 0 (what Leaflet's EPSG:3857 gives, divided by 2^zoom). */
export function project(lng: number, lat: number): [number, number] {
  const φ = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return [
    ((lng + 180) / 360) * TILE,
    ((1 - Math.log(Math.tan(Math.PI / 4 + φ / 2)) / Math.PI) / 2) * TILE,
  ];
}

/** One polygon: its rings as flat x,y runs in zoom-0 pixels. */
type Rings = Float64Array[];

/**
 * The land outlines projected once, with a spatial index of their boxes: a tile draws only the
 * polygons it touches. A polygon that reaches across ±180° (unwrapped) is indexed a second
 * time, a world's width over, so that its far part is drawn at the other edge of the map.
 */
export class ProjectedBasemap {
  private readonly polygons: Rings[] = [];
  /** Per index entry: the polygon, and the world offset to draw it at. */
  private readonly entries: { polygon: number; offset: number }[] = [];

  private readonly boxes: [number, number, number, number][] = [];
  private index: Flatbush | null = null;

  /** A polygon's rings (longitude, latitude), projected and boxed. Call `finish` after the last. */
  add(rings: Position[][]) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const projected = rings.map((ring) => {
      const flat = new Float64Array(ring.length * 2);
      ring.forEach(([lng, lat], i) => {
        const [x, y] = project(lng as number, lat as number);
        flat[i * 2] = x;
        flat[i * 2 + 1] = y;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      });
      return flat;
    });
    const polygon = this.polygons.push(projected) - 1;
    for (const offset of [0, -TILE, TILE]) {
      if (offset !== 0 && !(minX + offset < TILE && maxX + offset > 0)) continue;
      this.entries.push({ polygon, offset });
      this.boxes.push([minX + offset, minY, maxX + offset, maxY]);
    }
  }

  /** Builds the spatial index (drawing does, if not done); no polygon is added after. */
  finish(): Flatbush {
    const index = new Flatbush(Math.max(1, this.boxes.length));
    for (const b of this.boxes) index.add(...b);
    if (this.boxes.length === 0) index.add(0, 0, 0, 0);
    index.finish();
    this.index = index;
    return index;
  }

  /**
   * Draws the land of tile `x, y` at `zoom` on a context whose origin is the tile's corner, in
   * CSS pixels: filled, with country borders. Points closer than half a pixel are skipped.
   */
  drawTile(
    ctx: CanvasRenderingContext2D,
    x: number,
    y: number,
    zoom: number,
    style: { land: string; border: string },
  ) {
    const scale = 2 ** zoom;
    const left = (x * TILE) / scale;
    const top = (y * TILE) / scale;
    const size = TILE / scale;
    const margin = 2 / scale;
    const hits = (this.index ?? this.finish()).search(
      left - margin,
      top - margin,
      left + size + margin,
      top + size + margin,
    );
    if (hits.length === 0) return;
    ctx.beginPath();
    for (const hit of hits) {
      const { polygon, offset } = this.entries[hit] as { polygon: number; offset: number };
      for (const ring of this.polygons[polygon] as Rings) {
        let lastX = NaN;
        let lastY = NaN;
        for (let i = 0; i < ring.length; i += 2) {
          const px = ((ring[i] as number) + offset - left) * scale;
          const py = ((ring[i + 1] as number) - top) * scale;
          if (i === 0) ctx.moveTo(px, py);
          else if (Math.abs(px - lastX) + Math.abs(py - lastY) < 0.5 && i < ring.length - 2)
            continue;
          else ctx.lineTo(px, py);
          lastX = px;
          lastY = py;
        }
        ctx.closePath();
      }
    }
    ctx.fillStyle = style.land;
    ctx.fill('evenodd');
    ctx.lineWidth = 0.7;
    ctx.strokeStyle = style.border;
    ctx.stroke();
  }
}

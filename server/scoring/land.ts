/**
 * Land or sea at a point, exactly against Natural Earth's 1:10m land polygons, fast.
 *
 * Every coastline edge goes into a Flatbush index. Once, at build, a 0.25° grid of cell centres
 * is classified with one horizontal scanline per grid row (edges from the index, crossings
 * sorted, even-odd fill). A query then only counts the edges that cross the short segment from
 * the point to its cell's centre: an odd count flips the centre's state. That is exact, and
 * each query touches a handful of edges instead of the 400,000 of the world's coastline.
 *
 * The TopoJSON is spherical and uncut: an edge that jumps across ±180° is split at the
 * antimeridian, and the two pieces of the ring are closed along x = ±180 (or down to the pole
 * for a ring around one), so that planar parity holds.
 */
import Flatbush from 'flatbush';

export const GRID_DEG = 0.25;
const COLS = Math.round(360 / GRID_DEG);
const ROWS = Math.round(180 / GRID_DEG);

type Ring = readonly (readonly number[])[];

export interface LandIndex {
  isLand(lat: number, lng: number): boolean;
  /** Kilometres to the nearest coastline edge, when one is within `maxKm`; otherwise null. */
  coastDistanceKm(lat: number, lng: number, maxKm: number): number | null;
  /** True where a coastline passes through the point's grid cell (about 25 km). */
  isNearCoast(lat: number, lng: number): boolean;
}

export interface LandData {
  /** x1, y1, x2, y2 per edge. */
  segments: Float64Array;
  /** One byte per grid cell: bit 0 = centre on land, bit 1 = a coastline crosses the cell. */
  cells: Uint8Array;
}

/** Polygons as GeoJSON coordinate arrays: polygon → rings → [lng, lat]. */
export function buildLandData(polygons: readonly (readonly Ring[])[]): LandData {
  const segs: number[] = [];
  for (const polygon of polygons) for (const ring of polygon) addRing(ring, segs);
  const segments = Float64Array.from(segs);
  const index = indexSegments(segments);
  const cells = new Uint8Array(COLS * ROWS);

  // Scanline fill of grid-cell centres, one row at a time.
  const xs: number[] = [];
  for (let row = 0; row < ROWS; row++) {
    const y = -90 + (row + 0.5) * GRID_DEG;
    xs.length = 0;
    for (const i of index.search(-181, y, 181, y)) {
      const x = crossingX(segments, i, y);
      if (x !== null) xs.push(x);
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(((xs[k] as number) + 180) / GRID_DEG - 0.5));
      const to = Math.min(COLS - 1, Math.floor(((xs[k + 1] as number) + 180) / GRID_DEG - 0.5));
      for (let col = from; col <= to; col++) cells[row * COLS + col] = 1;
    }
  }
  // Mark cells that a coastline passes through.
  for (let i = 0; i < segments.length / 4; i++) {
    const x1 = segments[i * 4] as number;
    const y1 = segments[i * 4 + 1] as number;
    const x2 = segments[i * 4 + 2] as number;
    const y2 = segments[i * 4 + 3] as number;
    const c0 = colOf(Math.min(x1, x2));
    const c1 = colOf(Math.max(x1, x2));
    const r0 = rowOf(Math.min(y1, y2));
    const r1 = rowOf(Math.max(y1, y2));
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) cells[r * COLS + c] = (cells[r * COLS + c] as number) | 2;
  }
  return { segments, cells };
}

export function createLandIndex(data: LandData): LandIndex {
  const { segments, cells } = data;
  const index = indexSegments(segments);
  return {
    isLand(lat, rawLng) {
      // ±180 is where rings were cut and closed: step just inside so the artificial edge never counts.
      const lng = Math.min(180 - 1e-7, Math.max(-180 + 1e-7, rawLng));
      const col = colOf(lng);
      const row = rowOf(lat);
      const cell = cells[row * COLS + col] as number;
      if ((cell & 2) === 0) return (cell & 1) === 1;
      const cx = -180 + (col + 0.5) * GRID_DEG;
      const cy = -90 + (row + 0.5) * GRID_DEG;
      let inside = (cell & 1) === 1;
      for (const i of index.search(
        Math.min(lng, cx),
        Math.min(lat, cy),
        Math.max(lng, cx),
        Math.max(lat, cy),
      )) {
        if (segmentsCross(lng, lat, cx, cy, segments, i)) inside = !inside;
      }
      return inside;
    },
    coastDistanceKm(lat, lng, maxKm) {
      const kmPerDegLat = 111.195;
      const cos = Math.max(0.01, Math.cos((lat * Math.PI) / 180));
      const dLat = maxKm / kmPerDegLat;
      const dLng = Math.min(180, dLat / cos);
      let best = Infinity;
      for (const i of index.search(lng - dLng, lat - dLat, lng + dLng, lat + dLat)) {
        // Local equirectangular projection: exact enough over a few kilometres.
        const ax = ((segments[i * 4] as number) - lng) * cos * kmPerDegLat;
        const ay = ((segments[i * 4 + 1] as number) - lat) * kmPerDegLat;
        const bx = ((segments[i * 4 + 2] as number) - lng) * cos * kmPerDegLat;
        const by = ((segments[i * 4 + 3] as number) - lat) * kmPerDegLat;
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
      return best <= maxKm ? best : null;
    },
    isNearCoast(lat, lng) {
      return ((cells[rowOf(lat) * COLS + colOf(lng)] as number) & 2) === 2;
    },
  };
}

function colOf(lng: number): number {
  return Math.min(COLS - 1, Math.max(0, Math.floor((lng + 180) / GRID_DEG)));
}
function rowOf(lat: number): number {
  return Math.min(ROWS - 1, Math.max(0, Math.floor((lat + 90) / GRID_DEG)));
}

function indexSegments(segments: Float64Array): Flatbush {
  const n = segments.length / 4;
  const index = new Flatbush(Math.max(1, n));
  for (let i = 0; i < n; i++) {
    const x1 = segments[i * 4] as number;
    const y1 = segments[i * 4 + 1] as number;
    const x2 = segments[i * 4 + 2] as number;
    const y2 = segments[i * 4 + 3] as number;
    index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
  }
  if (n === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

/** x where edge i crosses the horizontal line y (half-open in y, so a vertex counts once). */
function crossingX(s: Float64Array, i: number, y: number): number | null {
  const x1 = s[i * 4] as number;
  const y1 = s[i * 4 + 1] as number;
  const x2 = s[i * 4 + 2] as number;
  const y2 = s[i * 4 + 3] as number;
  if (y1 > y === y2 > y) return null;
  return x1 + ((y - y1) / (y2 - y1)) * (x2 - x1);
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Proper intersection of segment p–q with edge i. */
function segmentsCross(
  px: number,
  py: number,
  qx: number,
  qy: number,
  s: Float64Array,
  i: number,
): boolean {
  const ax = s[i * 4] as number;
  const ay = s[i * 4 + 1] as number;
  const bx = s[i * 4 + 2] as number;
  const by = s[i * 4 + 3] as number;
  const d1 = orient(ax, ay, bx, by, px, py);
  const d2 = orient(ax, ay, bx, by, qx, qy);
  const d3 = orient(px, py, qx, qy, ax, ay);
  const d4 = orient(px, py, qx, qy, bx, by);
  return d1 > 0 !== d2 > 0 && d3 > 0 !== d4 > 0;
}

/** Adds a ring's edges, cut at the antimeridian and closed along it. */
function addRing(ring: Ring, out: number[]) {
  const crossings: { y: number; eastward: boolean }[] = [];
  for (let i = 1; i < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i - 1] ?? [];
    const [x2 = 0, y2 = 0] = ring[i] ?? [];
    // Antarctica's ring runs along the pole itself: a plain planar edge, not a crossing.
    const alongPole = Math.abs(y1) > 89.999 && Math.abs(y2) > 89.999;
    if (Math.abs(x2 - x1) <= 180 || alongPole) {
      out.push(x1, y1, x2, y2);
      continue;
    }
    // Crossing the antimeridian: the short way round passes through ±180.
    const eastward = x1 > 0; // from near +180 over to near −180
    const x2u = eastward ? x2 + 360 : x2 - 360;
    const edge = eastward ? 180 : -180;
    const t = (edge - x1) / (x2u - x1);
    const yc = y1 + t * (y2 - y1);
    out.push(x1, y1, edge, yc, -edge, yc, x2, y2);
    crossings.push({ y: yc, eastward });
  }
  if (crossings.length === 0) return;
  if (crossings.length % 2 === 0) {
    for (let k = 0; k < crossings.length; k += 2) {
      const a = crossings[k] as { y: number; eastward: boolean };
      const b = crossings[k + 1] as { y: number; eastward: boolean };
      out.push(180, a.y, 180, b.y, -180, a.y, -180, b.y);
    }
  } else {
    // A ring around a pole: close each side down (or up) to it.
    for (const c of crossings) {
      const pole = c.y < 0 ? -90 : 90;
      out.push(180, c.y, 180, pole, -180, c.y, -180, pole);
    }
  }
}

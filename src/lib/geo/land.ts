/**
 * Where the land is: Natural Earth's 1:50m land outline (world-atlas, the same source as the
 * map's offline basemap), indexed by polygon box, to catch coordinates that cannot be what the
 * user meant before they cost a call. Loaded as a static asset only when locations are checked.
 */
import Flatbush from 'flatbush';
import type { Feature } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import landUrl from 'world-atlas/land-50m.json?url';
import { polygonsOf, unwrapRing, type Position } from './antimeridian';

/** How far from the outline (in degrees, ≈ 20 km) a point still counts as on land: coasts and islands the 1:50m outline smooths away. */
const COAST_DEGREES = 0.2;
/** South of this there are no listings to score (Antarctica). */
const SOUTHERNMOST_LISTING = -60;

export type LandTopology = Topology<{ land: GeometryCollection }>;

/** The outline's edges and the index of their boxes: built once, then moved (its buffers). */
export interface LandIndex {
  /** Every edge of every ring, as x1,y1,x2,y2 (lng,lat; rings unwrapped past ±180°). */
  edges: Float64Array;
  /** A Flatbush index of the edges' boxes, as its buffer. */
  index: ArrayBuffer;
}

/** The outline's edges and their index: ≈ 150–200 ms for the 1:50m outline, so in a worker. */
export function indexLand(topology: LandTopology): LandIndex {
  const edges: number[] = [];
  for (const geometry of topology.objects.land.geometries) {
    const land = feature(topology, geometry) as Feature;
    for (const rings of polygonsOf(land.geometry))
      for (const ring of rings) {
        const points = unwrapRing(ring as Position[]);
        for (let i = 1; i < points.length; i++) {
          const [x1, y1] = points[i - 1] as Position;
          const [x2, y2] = points[i] as Position;
          if (y1 !== y2) edges.push(x1, y1, x2, y2); // a level edge is never crossed
        }
      }
  }
  const n = edges.length / 4;
  const index = new Flatbush(Math.max(1, n));
  for (let i = 0; i < edges.length; i += 4) {
    const [x1, y1, x2, y2] = [edges[i], edges[i + 1], edges[i + 2], edges[i + 3]] as number[];
    index.add(
      Math.min(x1 as number, x2 as number),
      Math.min(y1 as number, y2 as number),
      Math.max(x1 as number, x2 as number),
      Math.max(y1 as number, y2 as number),
    );
  }
  if (n === 0) index.add(0, 0, 0, 0);
  index.finish();
  return { edges: Float64Array.from(edges), index: index.data as ArrayBuffer };
}

export class Land {
  private edges: Float64Array;
  /** The edges' boxes: a point's test reads only the edges its ray crosses. */
  private index: Flatbush;

  constructor(built: LandIndex) {
    this.edges = built.edges;
    this.index = Flatbush.from(built.index);
  }

  /**
   * Inside the outline: an odd number of edges crossed by a ray from the point eastwards (land
   * polygons do not overlap, so holes and islands count right). A point is also tried a
   * world's width east, where rings unwrapped past 180° lie.
   */
  contains(lat: number, lng: number): boolean {
    return this.crossings(lng, lat) % 2 === 1 || this.crossings(lng + 360, lat) % 2 === 1;
  }

  private crossings(x: number, y: number): number {
    let count = 0;
    for (const i of this.index.search(x, y, Infinity, y)) {
      const x1 = this.edges[4 * i] as number;
      const y1 = this.edges[4 * i + 1] as number;
      const x2 = this.edges[4 * i + 2] as number;
      const y2 = this.edges[4 * i + 3] as number;
      if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) count++;
    }
    return count;
  }

  /**
   * Where a listing could be: on land or just off its outline, north of Antarctica. A point at
   * sea, or in Antarctica, is nowhere the API can score.
   */
  couldBeListing(lat: number, lng: number): boolean {
    if (lat < SOUTHERNMOST_LISTING) return false;
    const d = COAST_DEGREES;
    for (const [dy, dx] of [
      [0, 0],
      [d, 0],
      [-d, 0],
      [0, d],
      [0, -d],
      [d, d],
      [d, -d],
      [-d, d],
      [-d, -d],
    ] as const)
      if (this.contains(lat + dy, lng + dx)) return true;
    return false;
  }

  /**
   * Latitude and longitude given the wrong way round: where they are, no listing could be,
   * and swapped back they are on land.
   */
  probablySwapped(lat: number, lng: number): boolean {
    if (Math.abs(lng) > 90) return false; // swapped, it would not be a latitude
    return !this.couldBeListing(lat, lng) && this.couldBeListing(lng, lat);
  }
}

/** The outline's TopoJSON, from the app's own assets. */
export async function fetchLand(url: string): Promise<LandTopology> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`land outline: HTTP ${r.status}`);
  return (await r.json()) as LandTopology;
}

let loading: Promise<Land> | null = null;

/**
 * The land outline, fetched once (≈ 150 KB compressed), indexed in a worker, then kept. In
 * place where workers are unavailable or the worker fails.
 */
export function loadLand(): Promise<Land> {
  loading ??= indexInWorker()
    .catch(async () => indexLand(await fetchLand(landUrl)))
    .then((built) => new Land(built))
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** The outline fetched and indexed by a worker of its own, ended once it answered. */
async function indexInWorker(): Promise<LandIndex> {
  if (typeof Worker === 'undefined') throw new Error('no workers here');
  const worker = new Worker(new URL('./land.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<LandIndex>((resolve, reject) => {
    worker.addEventListener('message', (e: MessageEvent<LandIndex | { error: string }>) => {
      if ('error' in e.data) reject(new Error(e.data.error));
      else resolve(e.data);
    });
    worker.addEventListener('error', () => reject(new Error('land worker failed')));
    worker.postMessage(landUrl);
  }).finally(() => worker.terminate());
}

import {
  colorScale,
  MIXED,
  NOT_ANALYZED,
  type ColorClass,
  type ColorScale,
} from '@/lib/color-modes';
import type { ResultRow } from '@/lib/results';
import {
  buildClusterIndex,
  CLUSTER_MAX_ZOOM,
  MIXED_INDEX,
  unpackClusterIndex,
  type ClusterIndex,
  type ClusterPoints,
  type PackedIndex,
} from './cluster-index';
import type { CanvasPin } from './pin-canvas-layer';
import { readClusterIndex, saveClusterIndex } from '@/lib/browser-db';
import { whenIdle } from '@/lib/idle';

/** Above this many pins on the map, scored pins are grouped at low zooms. */
export const CLUSTER_THRESHOLD = 2000;

const NOT_ANALYZED_INDEX = -1;

export interface PinCluster {
  kind: 'cluster';
  id: number;
  lat: number;
  lng: number;
  count: number;
  /** The worst class in the cluster: one Very Noisy listing makes a Very Noisy cluster. */
  worst: ColorClass;
}

/** What the map draws at one place: a result's own pin, or a cluster of scored results. */
export type MapItem = { kind: 'row'; row: ResultRow } | PinCluster;

/** The rows split into scored (to cluster, as flat points) and failed. */
function prepare(rows: readonly ResultRow[], scale: ColorScale) {
  const scored: ResultRow[] = [];
  const failed: ResultRow[] = [];
  for (const row of rows) (row.band ? scored : failed).push(row);
  const classIndex = new Map(scale.classes.map((c, i) => [c, i]));
  const points: ClusterPoints = {
    lng: new Float64Array(scored.length),
    lat: new Float64Array(scored.length),
    worst: new Int32Array(scored.length),
    ordered: scale.ordered,
  };
  scored.forEach((row, i) => {
    const c = scale.classOf(row);
    points.lng[i] = row.result.lng;
    points.lat[i] = row.result.lat;
    points.worst[i] = c ? (classIndex.get(c) ?? NOT_ANALYZED_INDEX) : NOT_ANALYZED_INDEX;
  });
  return { scored, failed, points };
}

/**
 * Scored rows in a supercluster index (a KD-tree per zoom), colored by their worst class. Failed
 * results are left out of it: they are always drawn as themselves, so none hides in a cluster.
 * Built in place (`new`), or in a worker (`PinClusters.build`), off the main thread.
 */
export class PinClusters {
  private readonly index: ClusterIndex;
  readonly failed: readonly ResultRow[];
  private readonly scored: readonly ResultRow[];
  private readonly scale: ColorScale;
  /** The index was read back from this browser's kept ones, not built (see `keptIndex`). */
  readonly kept: boolean;

  constructor(
    rows: readonly ResultRow[],
    scale: ColorScale = colorScale('overall', []),
    built?: { scored: ResultRow[]; failed: ResultRow[]; index: ClusterIndex; kept?: boolean },
  ) {
    const { scored, failed, index } = built ?? PinClusters.inPlace(rows, scale);
    this.scored = scored;
    this.failed = failed;
    this.scale = scale;
    this.index = index;
    this.kept = built?.kept ?? false;
  }

  private static inPlace(rows: readonly ResultRow[], scale: ColorScale) {
    const { scored, failed, points } = prepare(rows, scale);
    return { scored, failed, index: buildClusterIndex(points) };
  }

  /**
   * The index of `rows`, built in a worker: the page's main thread only lays the pins out in
   * flat arrays and takes the index back. In place where workers are not available. With
   * `keptAs` (the results are final), the one built is kept in this browser under that name,
   * and with `reuse`, one kept there of the same points is read back instead (see `keptIndex`).
   */
  static async build(
    rows: readonly ResultRow[],
    scale: ColorScale,
    { reuse = false, keptAs = null }: { reuse?: boolean; keptAs?: string | null } = {},
  ): Promise<PinClusters> {
    const { scored, failed, points } = prepare(rows, scale);
    const readBack = reuse && keptAs !== null ? await keptIndex(keptAs, points) : null;
    const index = readBack ?? (await buildInWorker(points, keptAs));
    return index
      ? new PinClusters(rows, scale, { scored, failed, index, kept: readBack !== null })
      : new PinClusters(rows, scale);
  }

  /**
   * Clusters and single pins inside `[west, south, east, north]` at an integer `zoom`, quietest
   * first: where dots touch, the noisier one is drawn on top.
   */
  itemsIn(bbox: [number, number, number, number], zoom: number): MapItem[] {
    // The same view asks the same (a poll that only brings new results redraws in it): kept.
    const key = `${bbox.join(',')}/${Math.floor(zoom)}`;
    if (this.lastQuery?.key !== key) this.lastQuery = { key, items: this.query(bbox, zoom) };
    return this.lastQuery.items.slice();
  }

  private lastQuery: { key: string; items: MapItem[] } | null = null;

  private query(bbox: [number, number, number, number], zoom: number): MapItem[] {
    const items: MapItem[] = [];
    for (const f of this.index.getClusters(bbox, Math.floor(zoom))) {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      const p = f.properties;
      if ('cluster' in p && p.cluster)
        items.push({
          kind: 'cluster',
          id: p.cluster_id,
          lat,
          lng,
          count: p.point_count,
          worst: this.classAt(p.worst),
        });
      else items.push({ kind: 'row', row: this.scored[(p as { row: number }).row] as ResultRow });
    }
    const severity = (item: MapItem) =>
      item.kind === 'cluster'
        ? this.scale.classes.indexOf(item.worst)
        : this.scale.classes.indexOf(this.scale.classOf(item.row) as ColorClass);
    return this.scale.ordered ? items.sort((a, b) => severity(a) - severity(b)) : items;
  }

  private classAt(index: number): ColorClass {
    if (index === MIXED_INDEX) return MIXED;
    return this.scale.classes[index] ?? NOT_ANALYZED;
  }

  /** The zoom at which a cluster splits into smaller ones or its pins. */
  expansionZoom(id: number): number {
    return this.index.getClusterExpansionZoom(id);
  }
}

/** A cluster's dot: sized by its count, filled with its worst class, its count drawn inside. */
export function clusterPin(cluster: PinCluster, outline: string): CanvasPin {
  return {
    lat: cluster.lat,
    lng: cluster.lng,
    radius: Math.min(20, 10 + Math.log10(cluster.count) * 3.5),
    fill: cluster.worst.color,
    stroke: outline,
    strokeWidth: 2,
    dashed: false,
    front: false,
    label:
      cluster.count >= 1000 ? `${Math.round(cluster.count / 100) / 10}k` : String(cluster.count),
    labelColor: cluster.worst.textColor,
  };
}

/** The page's one cluster worker, started on first use; null once it failed or is unavailable. */
let worker: Worker | null | undefined;
const waiting = new Map<number, (packed: PackedIndex | null) => void>();
let lastId = 0;

function clusterWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') return (worker = null);
  try {
    worker = new Worker(new URL('./cluster-index.worker.ts', import.meta.url), {
      type: 'module',
    });
  } catch {
    return (worker = null);
  }
  worker.addEventListener('message', (e: MessageEvent<{ id: number; packed: PackedIndex }>) => {
    waiting.get(e.data.id)?.(e.data.packed);
    waiting.delete(e.data.id);
  });
  // A worker that cannot start (or breaks) leaves the building to the page, as without one.
  worker.addEventListener('error', () => {
    worker?.terminate();
    worker = null;
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  });
  return worker;
}

/**
 * The index of `points`, packed by the worker; null to build it in place. With `keptAs`, it is
 * kept in this browser under that name, in idle time, with a copy of the points (theirs go to
 * the worker).
 */
async function buildInWorker(
  points: ClusterPoints,
  keptAs: string | null,
): Promise<ClusterIndex | null> {
  const w = clusterWorker();
  if (!w) return null;
  const id = ++lastId;
  // Before the points' buffers go to the worker (the classes come back with the index).
  const kept = keptAs !== null && {
    name: keptAs,
    lng: points.lng.slice(),
    lat: points.lat.slice(),
  };
  const packed = await new Promise<PackedIndex | null>((resolve) => {
    waiting.set(id, resolve);
    w.postMessage({ id, points }, [points.lng.buffer, points.lat.buffer, points.worst.buffer]);
  });
  if (kept && packed) {
    const { name, lng, lat } = kept;
    const entry: KeptIndex = {
      format: INDEX_FORMAT,
      points: { lng, lat, worst: packed.worst, ordered: points.ordered },
      packed,
    };
    whenIdle(() => void saveClusterIndex(name, entry));
  }
  return packed && unpackClusterIndex(packed);
}

/**
 * What is kept of an index: the index as the worker packed it, and the points it was built
 * from, under the name of the results it shows (a session's, a run's: one each, the last
 * built). A finished run reopened gets its index back from IndexedDB (a few megabytes, read
 * while the page renders: the run's route asks ahead) instead of a worker's start and a cold
 * build (≈ 90 and ≈ 175 ms for 10,000 pins on this project's VMs, while the page itself still
 * starts). Used only if the points are the same, number for number: no other invalidation is
 * needed (new results, another color mode or filter are other points).
 */
interface KeptIndex {
  /** The index's options are part of what it is: another version of them is another index. */
  format: string;
  points: ClusterPoints;
  packed: PackedIndex;
}

const INDEX_FORMAT = `supercluster9:${CLUSTER_MAX_ZOOM}`;

const sameNumbers = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};

/** The index kept under `name` if it is one of exactly these points, or null. */
async function keptIndex(name: string, points: ClusterPoints): Promise<ClusterIndex | null> {
  const kept = (await readClusterIndex(name)) as KeptIndex | null;
  try {
    return kept?.format === INDEX_FORMAT &&
      kept.points.ordered === points.ordered &&
      sameNumbers(kept.points.lng, points.lng) &&
      sameNumbers(kept.points.lat, points.lat) &&
      sameNumbers(kept.points.worst, points.worst)
      ? unpackClusterIndex(kept.packed)
      : null;
  } catch {
    return null;
  }
}

import Supercluster from 'supercluster';
import {
  colorScale,
  MIXED,
  NOT_ANALYZED,
  type ColorClass,
  type ColorScale,
} from '@/lib/color-modes';
import type { ResultRow } from '@/lib/results';
import type { CanvasPin } from './pin-canvas-layer';

/** Above this many pins on the map, scored pins are grouped at low zooms. */
export const CLUSTER_THRESHOLD = 2000;
/** Screen pixels within which pins join one cluster (Leaflet's tiles are 256 px). */
const CLUSTER_RADIUS = 44;
const TILE_SIZE = 256;
/** From this zoom on, every pin is drawn on its own. */
const CLUSTER_MAX_ZOOM = 13;

/**
 * What one cluster holds: the worst class among its pins (a higher index is worse), or for a
 * categorical scale its pins' one class (`MIXED_INDEX` when they differ).
 */
interface ClusterProps {
  worst: number;
}
const NOT_ANALYZED_INDEX = -1;
const MIXED_INDEX = -2;

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

/**
 * Scored rows in a supercluster index (a KD-tree per zoom), colored by their worst class. Failed
 * results are left out of it: they are always drawn as themselves, so none hides in a cluster.
 */
export class PinClusters {
  private index: Supercluster<{ row: number; worst: number }, ClusterProps>;
  readonly failed: readonly ResultRow[];
  private readonly scored: readonly ResultRow[];

  private readonly scale: ColorScale;

  constructor(rows: readonly ResultRow[], scale: ColorScale = colorScale('overall', [])) {
    const scored: ResultRow[] = [];
    const failed: ResultRow[] = [];
    for (const row of rows) (row.band ? scored : failed).push(row);
    this.scored = scored;
    this.failed = failed;
    this.scale = scale;
    const ordered = scale.ordered;
    const classIndex = new Map(scale.classes.map((c, i) => [c, i]));
    const indexOf = (row: ResultRow) => {
      const c = scale.classOf(row);
      return c ? (classIndex.get(c) ?? NOT_ANALYZED_INDEX) : NOT_ANALYZED_INDEX;
    };
    this.index = new Supercluster<{ row: number; worst: number }, ClusterProps>({
      radius: CLUSTER_RADIUS,
      extent: TILE_SIZE,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (p) => ({ worst: p.worst }),
      reduce: ordered
        ? (acc, p) => {
            if (p.worst > acc.worst) acc.worst = p.worst;
          }
        : (acc, p) => {
            if (p.worst !== acc.worst) acc.worst = MIXED_INDEX;
          },
    });
    this.index.load(
      scored.map((row, i) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [row.result.lng, row.result.lat] },
        properties: { row: i, worst: indexOf(row) },
      })),
    );
  }

  /**
   * Clusters and single pins inside `[west, south, east, north]` at an integer `zoom`, quietest
   * first: where dots touch, the noisier one is drawn on top.
   */
  itemsIn(bbox: [number, number, number, number], zoom: number): MapItem[] {
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

import Supercluster from 'supercluster';
import type { ResultRow } from '@/lib/results';
import { SCORE_BANDS, type ScoreBand } from '@/lib/score-bands';
import type { CanvasPin } from './pin-canvas-layer';

/** Above this many pins on the map, scored pins are grouped at low zooms. */
export const CLUSTER_THRESHOLD = 2000;
/** Screen pixels within which pins join one cluster (Leaflet's tiles are 256 px). */
const CLUSTER_RADIUS = 44;
const TILE_SIZE = 256;
/** From this zoom on, every pin is drawn on its own. */
const CLUSTER_MAX_ZOOM = 13;

/** What one cluster holds: the noisiest band among its pins (a higher index is noisier). */
interface ClusterProps {
  worst: number;
}

export interface PinCluster {
  kind: 'cluster';
  id: number;
  lat: number;
  lng: number;
  count: number;
  /** The noisiest band in the cluster: one Very Noisy listing makes a Very Noisy cluster. */
  worst: ScoreBand;
}

/** What the map draws at one place: a result's own pin, or a cluster of scored results. */
export type MapItem = { kind: 'row'; row: ResultRow } | PinCluster;

/**
 * Scored rows in a supercluster index (a KD-tree per zoom), colored by their worst band. Failed
 * results are left out of it: they are always drawn as themselves, so none hides in a cluster.
 */
export class PinClusters {
  private index: Supercluster<{ row: number; worst: number }, ClusterProps>;
  readonly failed: readonly ResultRow[];
  private readonly scored: readonly ResultRow[];

  constructor(rows: readonly ResultRow[]) {
    const scored: ResultRow[] = [];
    const failed: ResultRow[] = [];
    for (const row of rows) (row.band ? scored : failed).push(row);
    this.scored = scored;
    this.failed = failed;
    this.index = new Supercluster<{ row: number; worst: number }, ClusterProps>({
      radius: CLUSTER_RADIUS,
      extent: TILE_SIZE,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (p) => ({ worst: p.worst }),
      reduce: (acc, p) => {
        if (p.worst > acc.worst) acc.worst = p.worst;
      },
    });
    this.index.load(
      scored.map((row, i) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [row.result.lng, row.result.lat] },
        properties: { row: i, worst: SCORE_BANDS.indexOf(row.band as ScoreBand) },
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
          worst: SCORE_BANDS[p.worst] as ScoreBand,
        });
      else items.push({ kind: 'row', row: this.scored[(p as { row: number }).row] as ResultRow });
    }
    return items.sort((a, b) => severity(a) - severity(b));
  }

  /** The zoom at which a cluster splits into smaller ones or its pins. */
  expansionZoom(id: number): number {
    return this.index.getClusterExpansionZoom(id);
  }
}

/** A band's place in the documented order: higher is noisier. */
const severity = (item: MapItem) =>
  SCORE_BANDS.indexOf((item.kind === 'cluster' ? item.worst : item.row.band) as ScoreBand);

/** A cluster's dot: sized by its count, filled with its worst band, its count drawn inside. */
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

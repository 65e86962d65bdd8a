import KDBush from 'kdbush';
import Supercluster, { type PointFeature } from 'supercluster';

/** Screen pixels within which pins join one cluster (Leaflet's tiles are 256 px). */
const CLUSTER_RADIUS = 44;
const TILE_SIZE = 256;
/** From this zoom on, every pin is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 13;

/** A point's properties: its place among the scored rows, and its class (see `PinClusters`). */
export interface PointProps {
  row: number;
  worst: number;
}
/** A cluster's: the worst class among its pins, or for a categorical scale their one class. */
export interface ClusterProps {
  worst: number;
}
export type ClusterIndex = Supercluster<PointProps, ClusterProps>;

/** The scored pins as flat arrays: what a worker is handed (transferred, not copied). */
export interface ClusterPoints {
  lng: Float64Array;
  lat: Float64Array;
  worst: Int32Array;
  /** The classes are ordered (a higher index is worse), else categorical. */
  ordered: boolean;
}

/** Two classes that differ, in one cluster of a categorical scale. */
export const MIXED_INDEX = -2;

const OPTIONS = { radius: CLUSTER_RADIUS, extent: TILE_SIZE, maxZoom: CLUSTER_MAX_ZOOM };

/** supercluster's index of the points: a KD-tree per zoom. */
export function buildClusterIndex({ lng, lat, worst, ordered }: ClusterPoints): ClusterIndex {
  const index = new Supercluster<PointProps, ClusterProps>({
    ...OPTIONS,
    map: (p) => ({ worst: p.worst }),
    reduce: ordered
      ? (acc, p) => {
          if (p.worst > acc.worst) acc.worst = p.worst;
        }
      : (acc, p) => {
          if (p.worst !== acc.worst) acc.worst = MIXED_INDEX;
        },
  });
  const features: PointFeature<PointProps>[] = new Array(lng.length);
  for (let i = 0; i < lng.length; i++)
    features[i] = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lng[i] as number, lat[i] as number] },
      properties: { row: i, worst: worst[i] as number },
    };
  index.load(features);
  return index;
}

/**
 * What supercluster 9 keeps of a loaded index, besides its options, and what its queries read:
 * one KD-tree per zoom (kdbush, with the clusters' flat data beside it), the points' coordinates
 * and properties, the clusters' properties. Reached into so that an index built in a worker
 * can be handed to the page whole: the version is pinned, and `cluster-index.test.ts` checks a
 * packed and unpacked index answers as the one built in place.
 */
interface IndexInternals {
  /** Numbers per point or cluster in the flat data (one more with a `reduce`). */
  stride: number;
  trees: (KDBush & { data: Int32Array })[];
  props: PointProps[];
  coords: Float64Array;
  ids: unknown[] | null;
  numPoints: number;
  clusterProps: ClusterProps[];
}

/** A built index as plain data and buffers, to post from a worker. */
export interface PackedIndex {
  /** Each distinct tree (zooms without new clusters share their parent's) as kdbush's buffer. */
  trees: { kdbush: ArrayBuffer; data: Int32Array }[];
  /** Per zoom, which of `trees`. */
  treeAt: number[];
  coords: Float64Array;
  stride: number;
  numPoints: number;
  clusterWorst: Int32Array;
  worst: Int32Array;
}

/** `index` (built from `points`) as data, and the buffers to transfer with it. */
export function packClusterIndex(
  index: ClusterIndex,
  points: ClusterPoints,
): { packed: PackedIndex; transfer: ArrayBuffer[] } {
  const inner = index as unknown as IndexInternals;
  const distinct = [...new Set(inner.trees)];
  const packed: PackedIndex = {
    trees: distinct.map((tree) => ({ kdbush: tree.ids.buffer as ArrayBuffer, data: tree.data })),
    treeAt: inner.trees.map((tree) => distinct.indexOf(tree)),
    coords: inner.coords,
    stride: inner.stride,
    numPoints: inner.numPoints,
    clusterWorst: Int32Array.from(inner.clusterProps, (p) => p.worst),
    worst: points.worst,
  };
  const buffers = [
    ...packed.trees.flatMap((t) => [t.kdbush, t.data.buffer as ArrayBuffer]),
    packed.coords.buffer as ArrayBuffer,
    packed.clusterWorst.buffer as ArrayBuffer,
    packed.worst.buffer as ArrayBuffer,
  ];
  return { packed, transfer: [...new Set(buffers)] };
}

/** The index `packClusterIndex` packed, ready for queries (not for `load`). */
export function unpackClusterIndex(packed: PackedIndex): ClusterIndex {
  const index = new Supercluster<PointProps, ClusterProps>(OPTIONS);
  const trees = packed.trees.map((t) => Object.assign(KDBush.from(t.kdbush), { data: t.data }));
  const props: PointProps[] = new Array(packed.worst.length);
  for (let i = 0; i < props.length; i++) props[i] = { row: i, worst: packed.worst[i] as number };
  const inner: IndexInternals = {
    stride: packed.stride,
    trees: packed.treeAt.map((i) => trees[i] as IndexInternals['trees'][number]),
    props,
    coords: packed.coords,
    ids: null,
    numPoints: packed.numPoints,
    clusterProps: Array.from(packed.clusterWorst, (worst) => ({ worst })),
  };
  return Object.assign(index, inner);
}

import { describe, expect, it } from 'vitest';
import {
  buildClusterIndex,
  packClusterIndex,
  unpackClusterIndex,
  type ClusterPoints,
  type PackedIndex,
} from './cluster-index';

/** `n` points in a few dense groups and scattered between, classes 0–4 (seeded). */
function points(n: number, ordered: boolean): ClusterPoints {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const p: ClusterPoints = {
    lng: new Float64Array(n),
    lat: new Float64Array(n),
    worst: new Int32Array(n),
    ordered,
  };
  for (let i = 0; i < n; i++) {
    const group = i % 4 === 0 ? null : [(i % 3) * 40 - 40, (i % 5) * 15 - 20];
    p.lng[i] = group ? group[0]! + random() * 0.5 : random() * 340 - 170;
    p.lat[i] = group ? group[1]! + random() * 0.5 : random() * 150 - 75;
    p.worst[i] = Math.floor(random() * 5);
  }
  return p;
}

const copy = (p: ClusterPoints): ClusterPoints => ({
  lng: p.lng.slice(),
  lat: p.lat.slice(),
  worst: p.worst.slice(),
  ordered: p.ordered,
});

/** What a worker's message does to the packed index: cloned, its buffers moved. */
function overTheWire(p: ClusterPoints) {
  const { packed, transfer } = packClusterIndex(buildClusterIndex(copy(p)), copy(p));
  return structuredClone(packed, { transfer }) as PackedIndex;
}

describe('a cluster index built in a worker', () => {
  it.each([true, false])(
    'answers as the one built in place, at every zoom (ordered classes: %s)',
    (ordered) => {
      const p = points(3000, ordered);
      const here = buildClusterIndex(copy(p));
      const moved = unpackClusterIndex(overTheWire(p));
      const world: [number, number, number, number] = [-180, -85, 180, 85];
      for (let zoom = 0; zoom <= 15; zoom++) {
        const expected = here.getClusters(world, zoom);
        const got = moved.getClusters(world, zoom);
        expect(got).toEqual(expected);
        for (const f of expected.slice(0, 20))
          if ('cluster' in f.properties)
            expect(moved.getClusterExpansionZoom(f.properties.cluster_id)).toBe(
              here.getClusterExpansionZoom(f.properties.cluster_id),
            );
      }
      // The groups cluster at a low zoom, with their worst class: the test has clusters to compare.
      const clusters = moved.getClusters(world, 2).filter((f) => 'cluster' in f.properties);
      expect(clusters.length).toBeGreaterThan(3);
    },
  );

  it('moves its buffers instead of copying them', () => {
    const p = points(500, true);
    const { packed, transfer } = packClusterIndex(buildClusterIndex(p), p);
    structuredClone(packed, { transfer });
    expect(packed.coords.byteLength).toBe(0);
    expect(packed.trees.every((t) => t.kdbush.byteLength === 0)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { SessionResult } from '@/contract/schemas';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import type { Listing } from '@/contract/schemas';
import { colorScale, MIXED } from '@/lib/color-modes';
import { toRows, withAnalysis } from '@/lib/results';
import { SCORE_BANDS } from '@/lib/score-bands';
import { clusterPin, PinClusters, type PinCluster } from './pin-clusters';

const ok = (lat: number, lng: number, score: number, i: number): SessionResult => ({
  lat,
  lng,
  status: 'success',
  quiet_score: score,
  listing_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  analyzed_at: '2026-01-15T10:30:10.000000',
});
const failed = (lat: number, lng: number): SessionResult => ({
  lat,
  lng,
  status: 'failed',
  error: 'Failed to calculate quietness score',
  analyzed_at: '2026-01-15T10:30:10.000000',
});

/** 300 quiet listings around Paris, one very noisy among them, 300 quiet ones around Tokyo. */
function portfolio() {
  const results: SessionResult[] = [];
  for (let i = 0; i < 300; i++) results.push(ok(48.85 + (i % 20) * 0.01, 2.35 + i * 0.001, 90, i));
  results.push(ok(48.86, 2.36, 5, 300));
  for (let i = 0; i < 300; i++)
    results.push(ok(35.68 + (i % 20) * 0.01, 139.7 + i * 0.001, 85, 301 + i));
  results.push(failed(48.855, 2.355), failed(35.69, 139.71));
  return toRows(results);
}
const WORLD: [number, number, number, number] = [-180, -85, 180, 85];
const clustersOf = (items: ReturnType<PinClusters['itemsIn']>) =>
  items.filter((i): i is PinCluster => i.kind === 'cluster');

describe('PinClusters', () => {
  it('colors a cluster by the noisiest band it holds: one Very Noisy listing is enough', () => {
    const clusters = clustersOf(new PinClusters(portfolio()).itemsIn(WORLD, 2));
    expect(clusters).toHaveLength(2);
    const paris = clusters.find((c) => c.lng < 10)!;
    const tokyo = clusters.find((c) => c.lng > 100)!;
    expect(paris).toMatchObject({ count: 301, worst: { label: 'Very Noisy' } });
    expect(tokyo).toMatchObject({ count: 300, worst: { label: 'Very Quiet' } });
    expect(clusterPin(paris, '#fff')).toMatchObject({
      fill: SCORE_BANDS.find((b) => b.level === 'Very Noisy')!.color,
      label: '301',
    });
  });

  it('draws the noisiest cluster last, on top of any it touches', () => {
    const items = new PinClusters(portfolio()).itemsIn(WORLD, 2);
    expect((items.at(-1) as PinCluster).worst.label).toBe('Very Noisy');
  });

  it('never clusters failed results: they stay drawn as themselves', () => {
    const index = new PinClusters(portfolio());
    expect(index.failed.map((r) => r.result.status)).toEqual(['failed', 'failed']);
    const counted = clustersOf(index.itemsIn(WORLD, 2)).reduce((n, c) => n + c.count, 0);
    expect(counted).toBe(601);
  });

  it('splits as the map zooms in, down to single pins', () => {
    const index = new PinClusters(portfolio());
    const paris = clustersOf(index.itemsIn(WORLD, 2)).find((c) => c.lng < 10)!;
    expect(index.expansionZoom(paris.id)).toBeGreaterThan(2);
    const street = index.itemsIn([2.3, 48.8, 2.7, 49.1], 16);
    expect(street.every((i) => i.kind === 'row')).toBe(true);
    expect(street).toHaveLength(301);
  });

  it('answers the same view with the same items, in a list the caller may extend', () => {
    const index = new PinClusters(portfolio());
    const first = index.itemsIn(WORLD, 2);
    const length = first.length;
    first.push(first[0]!);
    const again = index.itemsIn(WORLD, 2);
    expect(again).toHaveLength(length);
    // The same objects: the pins drawn for them are kept too.
    again.forEach((item, i) => expect(item).toBe(first[i]));
    expect(index.itemsIn(WORLD, 3)[0]).not.toBe(first[0]);
  });

  it('abbreviates large counts on the dot', () => {
    const big: PinCluster = {
      ...clustersOf(new PinClusters(portfolio()).itemsIn(WORLD, 2))[0]!,
      count: 12_345,
    };
    expect(clusterPin(big, '#fff').label).toBe('12.3k');
  });

  it('colors a categorical scale’s cluster by its one class, or as mixed', () => {
    const rows = portfolio();
    const base = DOCUMENTED.quietnessSingle.response as Listing;
    const source = (category: string): Listing => ({
      ...base,
      noise_sources: [{ ...base.noise_sources[0]!, category, name: category }],
    });
    // Paris: highways and one airport; Tokyo: highways only.
    const listings = new Map(
      rows
        .filter((r) => r.band)
        .map((r) => [
          r.selectionKey,
          { kind: 'ok' as const, listing: source(r.index === 300 ? 'airports' : 'major_highways') },
        ]),
    );
    const analyzed = withAnalysis(rows, listings);
    const scale = colorScale('source', analyzed);
    const clusters = clustersOf(new PinClusters(analyzed, scale).itemsIn(WORLD, 2));
    const [paris, tokyo] = clusters.sort((a, b) => a.lng - b.lng);
    expect(paris?.worst).toBe(MIXED);
    expect(tokyo?.worst.key).toBe('major_highways');
  });
});

describe('PinClusters.build', () => {
  it('builds the same index where no worker runs (here, in place)', async () => {
    const rows = portfolio();
    const built = await PinClusters.build(rows, colorScale('overall', rows));
    expect(built.itemsIn(WORLD, 2)).toEqual(new PinClusters(rows).itemsIn(WORLD, 2));
    expect(built.failed).toHaveLength(2);
  });
});

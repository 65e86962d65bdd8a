import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { indexLand, Land, loadLand, type LandIndex, type LandTopology } from './land';

const file = path.resolve(import.meta.dirname, '../../../node_modules/world-atlas/land-50m.json');
const topology = () => JSON.parse(fs.readFileSync(file, 'utf8')) as LandTopology;

let land: Land;
beforeAll(() => {
  land = new Land(indexLand(topology()));
});

describe('Land', () => {
  it('knows cities from the sea', () => {
    expect(land.contains(48.8566, 2.3522)).toBe(true); // Paris
    expect(land.contains(-33.87, 151.2) || land.couldBeListing(-33.87, 151.2)).toBe(true); // Sydney, on the coast
    expect(land.contains(35.6812, 139.7671) || land.couldBeListing(35.6812, 139.7671)).toBe(true);
    // Chukotka, on both sides of ±180° (its outline is unwrapped across it), and Fiji.
    expect(land.contains(67, 175)).toBe(true);
    expect(land.contains(68, -178)).toBe(true);
    expect(land.contains(-17.8, 178)).toBe(true);
    expect(land.contains(0, -30)).toBe(false); // mid-Atlantic
    expect(land.contains(2.3522, 48.8566)).toBe(false); // Paris swapped: the Indian Ocean
  });

  it('flags pairs given the wrong way round, and only those', () => {
    // The two the issue names: Paris (at sea) and Times Square (in Antarctica), swapped.
    expect(land.probablySwapped(2.3522, 48.8566)).toBe(true);
    expect(land.probablySwapped(-73.9855, 40.758)).toBe(true);
    // Right way round: never flagged, on the coast or inland.
    for (const [lat, lng] of [
      [48.8566, 2.3522],
      [40.758, -73.9855],
      [-33.87, 151.2],
      [35.6812, 139.7671],
      [1.2834, 103.8607], // Singapore
      [-22.95, -43.21], // Rio de Janeiro
    ] as const)
      expect(land.probablySwapped(lat, lng), `${lat}, ${lng}`).toBe(false);
    // At sea both ways: wrong, but not a swap.
    expect(land.probablySwapped(0, -30)).toBe(false);
    // A longitude beyond ±90 cannot be a swapped latitude.
    expect(land.probablySwapped(10, 150)).toBe(false);
  });
});

/** The land worker, answered by the test with what the worker builds, moved as it moves it. */
class FakeLandWorker {
  static asked: string[] = [];
  private listener: ((e: MessageEvent) => void) | null = null;
  addEventListener(type: string, listener: (e: MessageEvent) => void) {
    if (type === 'message') this.listener = listener;
  }
  postMessage(url: string) {
    FakeLandWorker.asked.push(url);
    const built = indexLand(topology());
    const moved = structuredClone(built, { transfer: [built.edges.buffer, built.index] });
    setTimeout(() => this.listener?.({ data: moved } as MessageEvent<LandIndex>), 0);
  }
  terminate() {}
}

describe('loadLand', () => {
  beforeAll(() => vi.stubGlobal('Worker', FakeLandWorker));
  afterAll(() => vi.unstubAllGlobals());
  afterEach(() => vi.resetModules());

  it('has the outline indexed off the page, by a worker; moved back, it answers alike', async () => {
    const fromWorker = await loadLand();
    expect(FakeLandWorker.asked).toHaveLength(1);
    expect(FakeLandWorker.asked[0]).toMatch(/land-50m.*\.json/);
    for (const [lat, lng] of [
      [48.8566, 2.3522],
      [67, 175],
      [0, -30],
      [2.3522, 48.8566],
      [-73.9855, 40.758],
    ] as const) {
      expect(fromWorker.contains(lat, lng)).toBe(land.contains(lat, lng));
      expect(fromWorker.probablySwapped(lat, lng)).toBe(land.probablySwapped(lat, lng));
    }
    // Once: kept for every later check.
    expect(await loadLand()).toBe(fromWorker);
    expect(FakeLandWorker.asked).toHaveLength(1);
  });

  it('indexes the outline on the page when the worker fails', async () => {
    class BrokenWorker extends FakeLandWorker {
      private failed: (() => void) | null = null;
      override addEventListener(type: string, listener: (e: MessageEvent) => void) {
        if (type === 'error') this.failed = () => listener({} as MessageEvent);
      }
      override postMessage() {
        setTimeout(() => this.failed?.(), 0);
      }
    }
    vi.stubGlobal('Worker', BrokenWorker);
    const fetched = vi.fn(async () => new Response(fs.readFileSync(file, 'utf8')));
    vi.stubGlobal('fetch', fetched);
    const { loadLand: load } = await import('./land');
    const outline = await load();
    expect(fetched).toHaveBeenCalledTimes(1);
    expect(outline.probablySwapped(2.3522, 48.8566)).toBe(true);
    expect(outline.contains(48.8566, 2.3522)).toBe(true);
  });
});

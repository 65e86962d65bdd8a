import L from 'leaflet';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BasemapDetail } from './basemap';
import { BasemapTiles } from './basemap-tile-layer';

/** The outlines, loaded when the test says; each records the quarters (256 px tiles) it drew. */
const drawn = new Map<string, BasemapDetail>();
const outline = (detail: BasemapDetail) => ({
  drawTile: (_ctx: unknown, x: number, y: number, z: number) => drawn.set(`${x},${y},${z}`, detail),
});
const loads = {} as Record<BasemapDetail, (data: unknown) => void>;
vi.mock('./basemap', () => ({
  DETAILED_FROM_ZOOM: 4,
  loadProjectedBasemap: (detail: BasemapDetail) =>
    new Promise((resolve) => {
      loads[detail] = resolve;
    }),
}));
/** Idle callbacks, run when the test says. */
const idle: (() => void)[] = [];
vi.mock('@/lib/idle', () => ({
  whenIdle: (run: () => void) => {
    idle.push(run);
    return () => {};
  },
}));

/** A 512×512 map (jsdom lays nothing out: the size is given). */
function makeMap() {
  const el = document.createElement('div');
  for (const side of ['clientWidth', 'clientHeight'])
    Object.defineProperty(el, side, { value: 512, configurable: true });
  document.body.append(el);
  const map = L.map(el).setView([20, 0], 5, { animate: false });
  // Leaflet animates zooms only where CSS 3D transforms are (not in jsdom): as in a browser.
  (map as unknown as { _zoomAnimated: boolean })._zoomAnimated = true;
  return map;
}

/** Each canvas its own 2D context that draws nothing; counts what is copied onto each. */
const copies = new Map<HTMLCanvasElement, number>();
function stubCanvases() {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    const noop = () => {};
    return {
      ...Object.fromEntries(
        ['setTransform', 'clearRect', 'save', 'restore', 'beginPath', 'rect', 'clip'].map((m) => [
          m,
          noop,
        ]),
      ),
      drawImage: () => copies.set(this, (copies.get(this) ?? 0) + 1),
    } as unknown as CanvasRenderingContext2D;
  });
  // Each idle slice then holds one quarter's drawing (a slice ends after 6 ms).
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += 4));
}

let map: L.Map | null = null;
afterEach(() => {
  map?.remove();
  map = null;
  vi.restoreAllMocks();
  // The layer's queue of drawing jobs is the module's: run it empty for the next test.
  for (let i = 0; i < 1000 && idle.length > 0; i++) idle.shift()?.();
  drawn.clear();
  copies.clear();
});

describe('BasemapTiles', () => {
  it('makes the new zoom’s tiles when a zoom animation ends, not as it starts', () => {
    map = makeMap();
    const zooms: number[] = [];
    const layer = new BasemapTiles({ land: '#ddd', border: '#999' });
    layer.on('tileloadstart', (e: L.TileEvent) => zooms.push(e.coords.z));
    layer.addTo(map);
    expect(zooms.length).toBeGreaterThan(0);
    expect(new Set(zooms)).toEqual(new Set([5]));

    // The first frame of an animated refit (what `fitBounds` with animation fires).
    zooms.length = 0;
    map.fire('zoomanim', { center: L.latLng(20, 0), zoom: 4, noUpdate: false });
    expect(zooms).toEqual([]);

    // The animation's end: Leaflet sets the view, firing `zoom`.
    map.setView([20, 0], 4, { animate: false });
    expect(zooms.length).toBeGreaterThan(0);
    expect(new Set(zooms)).toEqual(new Set([4]));
  });

  it('covers the map with 512 px canvases (each canvas is a compositing layer)', () => {
    map = makeMap();
    const layer = new BasemapTiles({ land: '#ddd', border: '#999' }).addTo(map);
    const tiles = [...(layer.getContainer()?.querySelectorAll('.leaflet-tile') ?? [])];
    // A 512 px map spans at most two tiles each way (it took three of 256 px).
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.length).toBeLessThanOrEqual(4);
    for (const tile of tiles) {
      expect(tile).toBeInstanceOf(HTMLCanvasElement);
      expect((tile as HTMLCanvasElement).width).toBe(512);
    }
  });

  it('draws every quarter of a tile with the detailed outline when it arrives mid-tile', async () => {
    stubCanvases();
    map = makeMap();
    new BasemapTiles({ land: '#ddd', border: '#999' }).addTo(map);
    loads.overview(outline('overview'));
    await Promise.resolve();
    idle.shift()?.();
    idle.shift()?.();
    expect([...drawn.values()]).toEqual(['overview', 'overview']);

    loads.detailed(outline('detailed'));
    await Promise.resolve();
    for (let i = 0; i < 100 && idle.length > 0; i++) idle.shift()?.();
    expect(drawn.size).toBeGreaterThan(2);
    expect(new Set(drawn.values())).toEqual(new Set(['detailed']));
  });

  it('puts a tile on the page once its four quarters are drawn, not one at a time', async () => {
    stubCanvases();
    map = makeMap();
    const layer = new BasemapTiles({ land: '#ddd', border: '#999' });
    loads.overview(outline('overview'));
    await Promise.resolve();
    layer.addTo(map);
    const first = layer.getContainer()?.querySelector('canvas');
    if (!first) throw new Error('no tile');
    for (let quarter = 0; quarter < 3; quarter++) idle.shift()?.();
    // Each change to a tile's canvas is a new picture for the compositor: none for a part.
    expect(copies.get(first) ?? 0).toBe(0);
    idle.shift()?.();
    expect(copies.get(first)).toBe(4);
  });
});

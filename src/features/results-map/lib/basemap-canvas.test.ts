import L from 'leaflet';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BasemapDetail } from './basemap';
import { BasemapCanvas } from './basemap-canvas';

/** The outlines, loaded when the test says; each records the 256 px tiles it drew. */
const drawn = new Map<string, BasemapDetail>();
const outline = (detail: BasemapDetail) => ({
  drawTile: (_ctx: unknown, x: number, y: number, z: number) => drawn.set(`${z}/${x}/${y}`, detail),
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
const drainIdle = () => {
  for (let i = 0; i < 1000 && idle.length > 0; i++) idle.shift()?.();
};

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
const copies = new Map<object, number>();
const context = (canvas: object) => ({
  setTransform: () => {},
  clearRect: () => {},
  drawImage: () => copies.set(canvas, (copies.get(canvas) ?? 0) + 1),
});
/** The bitmaps handed to page canvases, each naming the off-page canvas it was taken from. */
const handed: { from: object }[] = [];

/** Canvases as jsdom lacks them; with `offscreen`, as browsers that have OffscreenCanvas. */
function stubCanvases({ offscreen = false } = {}) {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
    type: string,
  ) {
    if (type === 'bitmaprenderer')
      return offscreen
        ? { transferFromImageBitmap: (b: { from: object }) => handed.push(b) }
        : null;
    return context(this);
  } as unknown as HTMLCanvasElement['getContext']);
  if (offscreen)
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        constructor(
          readonly width: number,
          readonly height: number,
        ) {}
        getContext() {
          return context(this);
        }
        transferToImageBitmap() {
          return { from: this };
        }
      },
    );
  // Each idle slice then holds one tile's drawing (a slice ends after 6 ms).
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += 4));
}

/** The basemap added to a map, its 1:110m outline loaded (and the 1:50m one if asked). */
async function withBasemap(detailed = false, offscreen = false) {
  stubCanvases({ offscreen });
  map = makeMap();
  const layer = new BasemapCanvas({ land: '#ddd', border: '#999' });
  loads.overview(outline('overview'));
  await Promise.resolve();
  layer.addTo(map);
  if (detailed) {
    loads.detailed(outline('detailed'));
    await Promise.resolve();
  }
  return { map, layer, canvas: layer.getCanvas() };
}

let map: L.Map | null = null;
afterEach(() => {
  map?.remove();
  map = null;
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  // The layer's queue of drawing jobs is the module's: run it empty for the next test.
  drainIdle();
  drawn.clear();
  copies.clear();
  handed.length = 0;
});

describe('BasemapCanvas', () => {
  it('is one canvas, the view and a margin around it (each canvas is a compositing layer)', async () => {
    const { map } = await withBasemap();
    const canvases = map.getPane('basemap')?.querySelectorAll('canvas') ?? [];
    expect(canvases).toHaveLength(1);
    // 512 px and a fifth of it each side.
    expect(canvases[0]?.width).toBe(717);
    expect(canvases[0]?.height).toBe(717);
  });

  it('puts the tiles on the page once the view’s last one is drawn, not one at a time', async () => {
    const { canvas } = await withBasemap(true);
    expect(copies.get(canvas) ?? 0).toBe(0);
    // One tile per idle slice: none reaches the page before the last, then all of them, once.
    const seen: number[] = [];
    while (idle.length > 0) {
      idle.shift()?.();
      seen.push(copies.get(canvas) ?? 0);
    }
    // The 717 px canvas at zoom 5 spans three or four 256 px tiles each way.
    expect(drawn.size).toBeGreaterThanOrEqual(9);
    expect(seen).toEqual([...Array<number>(drawn.size - 1).fill(0), drawn.size]);
  });

  it('composes off the page and hands the page canvas the picture whole, where it can', async () => {
    const { canvas } = await withBasemap(true, true);
    drainIdle();
    // Nothing is drawn on the page's canvas itself: each composition arrives as one bitmap.
    expect(copies.get(canvas)).toBeUndefined();
    expect(handed.length).toBeGreaterThan(0);
    expect(copies.get(handed.at(-1)?.from ?? {})).toBe(drawn.size);
  });

  it('composes on the same off-page canvas while the view keeps its size, a new one after a resize', async () => {
    const { map } = await withBasemap(true, true);
    drainIdle();
    map.setView([20, 40], 5, { animate: false });
    drainIdle();
    const sources = new Set(handed.map((b) => b.from));
    expect(handed.length).toBeGreaterThan(1);
    expect(sources.size).toBe(1);

    const container = map.getContainer();
    for (const side of ['clientWidth', 'clientHeight'])
      Object.defineProperty(container, side, { value: 640, configurable: true });
    map.invalidateSize({ animate: false });
    drainIdle();
    const last = handed.at(-1)?.from as { width: number };
    expect(sources.has(last)).toBe(false);
    expect(last.width).toBe(896);
  });

  it('draws every tile with the detailed outline when it arrives midway', async () => {
    await withBasemap();
    idle.shift()?.();
    idle.shift()?.();
    expect([...drawn.values()]).toEqual(['overview', 'overview']);

    loads.detailed(outline('detailed'));
    await Promise.resolve();
    drainIdle();
    expect(drawn.size).toBeGreaterThan(2);
    expect(new Set(drawn.values())).toEqual(new Set(['detailed']));
  });

  it('only scales the canvas as a zoom animates; at its end shows the last zoom’s tiles, scaled, until the new ones are drawn', async () => {
    const { map, canvas } = await withBasemap(true);
    drainIdle();
    expect(new Set([...drawn.keys()].map((k) => k.split('/')[0]))).toEqual(new Set(['5']));
    const before = copies.get(canvas) ?? 0;

    // The first frame of an animated refit (what `fitBounds` with animation fires).
    map.fire('zoomanim', { center: L.latLng(20, 0), zoom: 6, noUpdate: false });
    // (Leaflet's Renderer scales the canvas by CSS: not in jsdom, which has no 3D transforms.)
    expect(idle).toHaveLength(0);
    expect(copies.get(canvas) ?? 0).toBe(before);

    // The animation's end: Leaflet sets the view. Zoom 5's tiles stand in at once.
    map.setView([20, 0], 6, { animate: false });
    expect(copies.get(canvas) ?? 0).toBeGreaterThan(before);
    expect(idle.length).toBeGreaterThan(0);
    drainIdle();
    expect([...drawn.keys()].some((k) => k.startsWith('6/'))).toBe(true);
  });

  it('keeps the most recent tiles within its memory budget, fewer on a denser screen', async () => {
    vi.spyOn(window, 'devicePixelRatio', 'get').mockReturnValue(2);
    const { map, layer } = await withBasemap(true);
    drainIdle();
    const first = layer.keptTiles();
    expect(first).toBeGreaterThan(0);
    // Views far apart at zoom 7 share no tile: 1 MB each at this ratio, 32 MB kept at most.
    for (let lng = -170; lng <= 170; lng += 20) {
      map.setView([20, lng], 7, { animate: false });
      drainIdle();
    }
    expect(layer.keptTiles()).toBeLessThanOrEqual(32);
    expect(layer.keptTiles()).toBeGreaterThan(first);
  });

  it('follows a drag past its margin before the drag ends, and not a shorter one', async () => {
    const { map, canvas } = await withBasemap(true);
    drainIdle();
    const start = L.DomUtil.getPosition(canvas);
    const drag = (x: number) => {
      L.DomUtil.setPosition(map.getPane('mapPane') as HTMLElement, L.point(x, 0));
      map.fire('move');
    };
    drag(-60);
    expect(L.DomUtil.getPosition(canvas)).toEqual(start);
    drag(-300);
    expect(L.DomUtil.getPosition(canvas)).toEqual(start.add([300, 0]));
  });
});

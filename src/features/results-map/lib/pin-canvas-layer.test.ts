import L from 'leaflet';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PinDrawRequest } from './pin-draw.worker';
import { drawnPrefix, PinCanvasLayer, type CanvasPin } from './pin-canvas-layer';

const pin = (i: number, over: Partial<CanvasPin> = {}): CanvasPin => ({
  lat: i,
  lng: -i,
  radius: 6,
  fill: '#1a9850',
  stroke: '#ffffff',
  strokeWidth: 1,
  dashed: false,
  front: false,
  ...over,
});
const pins = (n: number) => Array.from({ length: n }, (_, i) => pin(i));

describe('drawnPrefix', () => {
  it('keeps what is drawn when a poll only appends pins', () => {
    expect(drawnPrefix(pins(480), pins(500))).toBe(480);
    expect(drawnPrefix(pins(5), pins(5))).toBe(5);
  });

  it('draws everything on a first draw, a removal or a changed pin', () => {
    expect(drawnPrefix([], pins(3))).toBe(0);
    expect(drawnPrefix(pins(5), pins(4))).toBe(0);
    const restyled = pins(6);
    restyled[2] = pin(2, { fill: null, dashed: true });
    expect(drawnPrefix(pins(5), restyled)).toBe(0);
    const moved = pins(6);
    moved[4] = pin(4, { lat: 99 });
    expect(drawnPrefix(pins(5), moved)).toBe(0);
  });

  it('draws everything when a drawn pin is in front, so new pins cannot cover it', () => {
    const drawn = pins(5);
    drawn[1] = pin(1, { front: true, radius: 9 });
    const next = [...drawn, pin(5)];
    expect(drawnPrefix(drawn, next)).toBe(0);
  });
});

describe('PinCanvasLayer', () => {
  let map: L.Map | null = null;
  afterEach(() => {
    map?.remove();
    map = null;
  });

  it('places each pin where Leaflet does, after pans and zooms, for hit-testing', () => {
    const el = document.createElement('div');
    for (const side of ['clientWidth', 'clientHeight'])
      Object.defineProperty(el, side, { value: 600, configurable: true });
    document.body.append(el);
    map = L.map(el).setView([48.85, 2.35], 5, { animate: false });
    const places = [
      [48.85, 2.35],
      [51.5, -0.12],
      [40.4, -3.7],
      [59.3, 18.1],
      [84.9, 10], // beyond Web Mercator's edge, clamped as Leaflet clamps it
    ] as const;
    const layer = new PinCanvasLayer().addTo(map);
    layer.setPins(places.map(([lat, lng], i) => pin(i, { lat, lng, radius: 4 })));
    for (const [lat, lng, zoom] of [
      [48.85, 2.35, 5],
      [50, 5, 7],
      [45, -10, 3],
    ] as const) {
      map.setView([lat, lng], zoom, { animate: false });
      map.panBy([37, -21], { animate: false });
      layer.redraw();
      places.forEach(([plat, plng], i) => {
        const at = (map as L.Map).latLngToContainerPoint([plat, plng]);
        expect(layer.hit(at, 0), `pin ${i} at zoom ${zoom}`).toBe(i);
      });
    }
  });

  describe('drawn in a worker', () => {
    /** The page's worker: what it was asked, and answers the test sends back. */
    class FakeWorker extends EventTarget {
      static last: FakeWorker | null = null;
      asked: PinDrawRequest[] = [];
      constructor() {
        super();
        FakeWorker.last = this;
      }
      postMessage(request: PinDrawRequest) {
        this.asked.push(request);
      }
      terminate() {}
      /** The worker's bitmap for request `id`. */
      answer(id: number, width = 600, height = 600) {
        const bitmap = { width, height, close: vi.fn() };
        this.dispatchEvent(new MessageEvent('message', { data: { id, bitmap } }));
        return bitmap;
      }
    }
    const shown: unknown[] = [];

    /**
     * Canvases off the page: with `pageDraws`, as in browsers (a 2D context that takes every
     * call and draws nothing; its bitmaps name their canvas), else without a 2D context.
     */
    class FakeOffscreenCanvas {
      static draws = false;
      constructor(
        readonly width: number,
        readonly height: number,
      ) {}
      /** Images drawn on it since its last bitmap was taken. */
      stamps = 0;
      getContext() {
        if (!FakeOffscreenCanvas.draws) return null;
        const stamp = () => this.stamps++;
        return new Proxy(
          {},
          { get: (_, key) => (key === 'drawImage' ? stamp : () => {}), set: () => true },
        );
      }
      transferToImageBitmap() {
        const bitmap = {
          stamps: this.stamps,
          width: this.width,
          height: this.height,
          close: vi.fn(),
        };
        this.stamps = 0;
        return bitmap;
      }
    }

    function setUp({ pageDraws = false } = {}) {
      vi.stubGlobal('Worker', FakeWorker);
      FakeOffscreenCanvas.draws = pageDraws;
      vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
      const getContext = HTMLCanvasElement.prototype.getContext;
      vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
        this: HTMLCanvasElement,
        type: string,
      ) {
        if (type === 'bitmaprenderer')
          return { transferFromImageBitmap: (b: unknown) => shown.push(b) } as never;
        return getContext.call(this, type as '2d');
      });
      const el = document.createElement('div');
      for (const side of ['clientWidth', 'clientHeight'])
        Object.defineProperty(el, side, { value: 600, configurable: true });
      document.body.append(el);
      map = L.map(el).setView([48.85, 2.35], 5, { animate: false });
      const layer = new PinCanvasLayer().addTo(map);
      const canvas = el.querySelector('.leaflet-pins-pane canvas') as HTMLCanvasElement;
      return { layer, canvas, worker: FakeWorker.last as FakeWorker };
    }
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
      shown.length = 0;
    });

    it('asks the worker for the pins and shows its bitmap with the canvas moved in one step', () => {
      const { layer, canvas, worker } = setUp();
      layer.setPins(pins(3));
      layer.redraw();
      const [first] = worker.asked;
      expect(first).toMatchObject({ width: 600, height: 600, append: false });
      expect(first?.pins).toHaveLength(3);
      // The pins' points are the page's too: hit-testing needs no answer.
      const at = (map as L.Map).latLngToContainerPoint([1, -1]);
      expect(layer.hit(at, 0)).toBe(1);
      // Moved, the map is drawn again; the canvas keeps its place until that drawing is in.
      (map as L.Map).panBy([40, 30], { animate: false });
      const place = (map as L.Map).containerPointToLayerPoint([0, 0]);
      expect(L.DomUtil.getPosition(canvas)).not.toEqual(place);
      expect(worker.asked).toHaveLength(2);
      const bitmap = worker.answer(2);
      expect(shown).toEqual([bitmap]);
      expect(L.DomUtil.getPosition(canvas)).toEqual(place);
      expect(canvas.style.width).toBe('600px');
    });

    it('shows the page’s own drawings until the worker has answered one with pins, then the worker’s', () => {
      const { layer, canvas, worker } = setUp({ pageDraws: true });
      // The map's first drawing, empty (its clusters on their way): shown at once.
      layer.redraw();
      expect(shown).toHaveLength(1);
      worker.answer(1);
      layer.setPins(pins(3));
      layer.redraw();
      // Shown at once, the worker still asked: its kept drawing must be the page's.
      expect(shown).toHaveLength(2);
      expect(canvas.dataset.shown).toBe('2');
      layer.setPins(pins(5));
      layer.redraw();
      // The page draws every pin anew (it keeps no drawing); the worker is asked for the new ones.
      expect(shown).toHaveLength(3);
      expect(shown.at(-1)).toMatchObject({ stamps: 5 });
      expect(worker.asked.map((r) => [r.append, r.pins.length])).toEqual([
        [false, 0],
        [false, 3],
        [true, 2],
      ]);
      // Its answers to drawings the page showed are dropped; from then on it draws alone.
      const late = worker.answer(2);
      expect(late.close).toHaveBeenCalled();
      layer.setPins(pins(6));
      layer.redraw();
      expect(worker.asked[3]).toMatchObject({ id: 4, append: true });
      expect(shown).toHaveLength(3);
      expect(canvas.dataset.shown).toBe('3');
      worker.answer(3);
      const latest = worker.answer(4);
      expect(shown.at(-1)).toBe(latest);
      expect(canvas.dataset.shown).toBe('4');
    });

    it("adds a poll's new pins to the worker's drawing, and drops an answer overtaken", () => {
      const { layer, worker } = setUp();
      layer.setPins(pins(3));
      layer.redraw();
      layer.setPins(pins(5));
      layer.redraw();
      expect(worker.asked[1]).toMatchObject({ append: true });
      expect(worker.asked[1]?.pins).toEqual(pins(5).slice(3));
      // The first drawing arrives after the second was asked: not shown, its bitmap released.
      const old = worker.answer(1);
      expect(shown).toEqual([]);
      expect(old.close).toHaveBeenCalled();
      expect(shown).not.toContain(old);
      const latest = worker.answer(2);
      expect(shown).toEqual([latest]);
    });

    it("hides the old drawing from a zoom's start until the new one is shown", () => {
      const { layer, canvas, worker } = setUp();
      layer.setPins(pins(3));
      layer.redraw();
      worker.answer(1);
      expect(canvas.style.visibility).toBe('');
      (map as L.Map).setZoom(7, { animate: false });
      expect(canvas.style.visibility).toBe('hidden');
      worker.answer(worker.asked.length);
      expect(canvas.style.visibility).toBe('');
    });
  });
});

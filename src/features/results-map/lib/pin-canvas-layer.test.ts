import L from 'leaflet';
import { afterEach, describe, expect, it } from 'vitest';
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
});

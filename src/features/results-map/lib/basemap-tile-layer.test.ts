import L from 'leaflet';
import { afterEach, describe, expect, it } from 'vitest';
import { BasemapTiles } from './basemap-tile-layer';

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

let map: L.Map | null = null;
afterEach(() => {
  map?.remove();
  map = null;
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
});

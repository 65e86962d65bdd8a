import L from 'leaflet';
import { DETAILED_FROM_ZOOM, loadProjectedBasemap, type BasemapDetail } from './basemap';
import type { ProjectedBasemap } from './basemap-tiles';
import { whenIdle } from '@/lib/idle';
import type { MapColors } from './map-theme';

/** Main-thread time a batch of tile drawing may take before yielding to input and frames. */
const SLICE_MS = 6;
const jobs: (() => void)[] = [];
let scheduled = false;

/**
 * Tiles are drawn in idle time, in short slices: never in the frame that applies a poll or
 * follows the user's hand, and never in one long task.
 */
function schedule(job: () => void) {
  jobs.push(job);
  if (!scheduled) {
    scheduled = true;
    whenIdle(runJobs);
  }
}

function runJobs() {
  scheduled = false;
  const started = performance.now();
  while (jobs.length > 0 && performance.now() - started < SLICE_MS) jobs.shift()?.();
  if (jobs.length > 0) {
    scheduled = true;
    whenIdle(runJobs);
  }
}

/** Leaflet's GridLayer, where it is not typed. */
interface GridLayerInternals {
  _setView(center: L.LatLng, zoom: number, noPrune: boolean, noUpdate: boolean): void;
}

interface TileState {
  img: HTMLImageElement;
  coords: L.Coords;
  drawn: BasemapDetail | null;
  /** The object URL the image shows, revoked when it is replaced or the tile leaves. */
  url: string | null;
}

/**
 * The offline basemap as tiles: land and country outlines, under any raster tiles, so the map
 * is readable with no tile server. Each tile draws only the polygons it touches, in slices
 * between frames; the 1:110m outline first, and from zoom 4 the 1:50m one, loaded when first
 * needed, redrawing the tiles on screen when it arrives. Pins never wait for it.
 *
 * A tile is drawn on one canvas kept off the page, and shown as an image of it, placed with a
 * 2D transform. Chromium gives every canvas on a page a compositing layer of its own, and so
 * does Leaflet's `translate3d` to any tile: 18 canvas tiles made 36 of the map's layers, and
 * every frame of the page (a color-mode switch, a poll) paid for them in its layerize and commit
 * steps. Images placed in 2D are painted together into their pane's layer.
 */
export class BasemapTiles extends L.GridLayer {
  /** The tiles on the map, by their image. */
  private tiles = new Map<HTMLElement, TileState>();
  /** Where each tile is drawn before it is encoded for its image. */
  private canvas: HTMLCanvasElement | null = null;
  private overview: ProjectedBasemap | null = null;
  private detailed: ProjectedBasemap | null = null;
  private loadingDetailed = false;

  constructor(private colors: Pick<MapColors, 'land' | 'border'>) {
    // Leaflet's 256 px tiles: each is one short job (a 512 px tile at zoom 2 draws most of
    // the world, a long task on a phone).
    super({ pane: 'basemap', noWrap: true, updateWhenZooming: false, keepBuffer: 1 });
    this.on('tileunload', (e: L.TileEvent) => {
      const state = this.tiles.get(e.tile);
      this.tiles.delete(e.tile);
      if (state?.url) URL.revokeObjectURL(state.url);
    });
    // Leaflet has just placed the tile with `translate3d` (or, without 3D, with left and top):
    // the same place, in 2D.
    this.on('tileloadstart', (e: L.TileEvent) => {
      const at = (e.tile as HTMLElement & { _leaflet_pos?: L.Point })._leaflet_pos;
      if (at && e.tile.style.transform) e.tile.style.transform = `translate(${at.x}px, ${at.y}px)`;
    });
    void loadProjectedBasemap('overview').then(
      (data) => {
        this.overview = data;
        this.redrawWaiting();
      },
      () => {
        /* without the outline the pins and the sea color still show */
      },
    );
  }

  override beforeAdd(map: L.Map): this {
    const pane = map.getPane('basemap') ?? map.createPane('basemap');
    pane.style.zIndex = '150'; // under the tile pane (200) and the pins (450)
    return this;
  }

  override onRemove(map: L.Map): this {
    super.onRemove(map);
    for (const state of this.tiles.values()) if (state.url) URL.revokeObjectURL(state.url);
    this.tiles.clear();
    return this;
  }

  /**
   * A zoom animation only scales the tiles on screen; the new zoom's tiles are made when it ends
   * (Leaflet's `zoom` event). Leaflet would make them in the animation's first frame, the one
   * that applies a poll whose results the map refits to follow.
   */
  protected _animateZoom(e: L.ZoomAnimEvent) {
    (this as unknown as GridLayerInternals)._setView(e.center, e.zoom, true, true);
  }

  protected override createTile(coords: L.Coords): HTMLElement {
    const img = document.createElement('img');
    img.alt = '';
    img.decoding = 'async';
    const state: TileState = { img, coords, drawn: null, url: null };
    this.tiles.set(img, state);
    this.drawSoon(state);
    return img;
  }

  /** Draws a tile with the best outline loaded; asks for the detailed one where it is due. */
  private drawSoon(state: TileState) {
    const wantsDetail = state.coords.z >= DETAILED_FROM_ZOOM;
    if (wantsDetail && !this.detailed) this.loadDetailed();
    schedule(() => {
      const detail: BasemapDetail = wantsDetail && this.detailed ? 'detailed' : 'overview';
      const data = detail === 'detailed' ? this.detailed : this.overview;
      if (!data || state.drawn === detail || this.tiles.get(state.img) !== state) return;
      const ratio = window.devicePixelRatio || 1;
      const size = this.getTileSize();
      const canvas = (this.canvas ??= document.createElement('canvas'));
      if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
        canvas.width = size.x * ratio;
        canvas.height = size.y * ratio;
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      data.drawTile(ctx, state.coords.x, state.coords.y, state.coords.z, this.colors);
      state.drawn = detail;
      // The blob is the canvas as it is now: the canvas serves the next tile at once.
      canvas.toBlob((blob) => {
        // A tile that left the map, or was drawn again since, keeps what it has.
        if (!blob || this.tiles.get(state.img) !== state || state.drawn !== detail) return;
        if (state.url) URL.revokeObjectURL(state.url);
        state.url = URL.createObjectURL(blob);
        state.img.src = state.url;
      });
    });
  }

  private loadDetailed() {
    if (this.loadingDetailed) return;
    this.loadingDetailed = true;
    void loadProjectedBasemap('detailed').then(
      (data) => {
        this.detailed = data;
        this.redrawWaiting();
      },
      () => {
        this.loadingDetailed = false; // try again on the next tile that wants it
      },
    );
  }

  /** Tiles drawn with less than their zoom wants (or not yet), drawn again. */
  private redrawWaiting() {
    for (const state of this.tiles.values()) this.drawSoon(state);
  }
}

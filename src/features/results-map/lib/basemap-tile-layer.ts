import L from 'leaflet';
import { DETAILED_FROM_ZOOM, loadProjectedBasemap, type BasemapDetail } from './basemap';
import { TILE, type ProjectedBasemap } from './basemap-tiles';
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

const MAX_SPARE_TILES = 64;

/** Leaflet's GridLayer, where it is not typed. */
interface GridLayerInternals {
  _setView(center: L.LatLng, zoom: number, noPrune: boolean, noUpdate: boolean): void;
}

interface TileState {
  canvas: HTMLCanvasElement;
  coords: L.Coords;
  /** What each quarter shows (in reading order), if drawn. */
  drawn: (BasemapDetail | null)[];
  /** Quarters asked for and not drawn (or skipped) yet. */
  pending: number;
  /**
   * Off the page, where quarters are drawn; the tile's canvas takes them all at once when none
   * is pending. Every change to a tile's canvas is a new picture for the compositor (a copy of
   * the whole canvas, on the main thread): one per tile, not one per quarter.
   */
  buffer: HTMLCanvasElement | null;
  /** Quarters drawn on the buffer and not yet on the tile. */
  fresh: number[];
}

/** A basemap tile's side, in CSS pixels: four of the outline's tiles. */
const TILE_SIZE = 2 * TILE;

/** Where a quarter (0–3, in reading order) lies on a tile's canvas `width` wide: left, top, side. */
function quarterOf(width: number, quarter: number): [number, number, number] {
  const side = width / 2;
  return [(quarter % 2) * side, Math.floor(quarter / 2) * side, side];
}

/**
 * The offline basemap as canvas tiles: land and country outlines, under any raster tiles, so
 * the map is readable with no tile server. Each tile draws only the polygons it touches, in
 * slices between frames; the 1:110m outline first, and from zoom 4 the 1:50m one, loaded when
 * first needed, redrawing the tiles on screen when it arrives. Pins never wait for it.
 *
 * Tiles are 512 px: Chromium gives every canvas a compositing layer of its own, which every
 * frame of the page (a color-mode switch, a poll) pays for in its layerize and commit steps,
 * and a desktop map holds 6–8 of these tiles where it held 18 of 256 px. Each is drawn a quarter
 * at a time, so no slice is longer than a 256 px tile's.
 */
export class BasemapTiles extends L.GridLayer {
  /** The tiles on the map, by their canvas. */
  private tiles = new Map<HTMLElement, TileState>();
  /** Canvases of tiles that left the map, for the next ones: no new backing store per tile. */
  private spare: HTMLCanvasElement[] = [];
  private overview: ProjectedBasemap | null = null;
  private detailed: ProjectedBasemap | null = null;
  private loadingDetailed = false;

  constructor(private colors: Pick<MapColors, 'land' | 'border'>) {
    super({
      pane: 'basemap',
      tileSize: TILE_SIZE,
      noWrap: true,
      updateWhenZooming: false,
      keepBuffer: 1,
    });
    this.on('tileunload', (e: L.TileEvent) => {
      const state = this.tiles.get(e.tile);
      this.tiles.delete(e.tile);
      if (state && this.spare.length < MAX_SPARE_TILES) this.spare.push(state.canvas);
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

  /**
   * A zoom animation only scales the tiles on screen; the new zoom's tiles are made when it ends
   * (Leaflet's `zoom` event). Leaflet would make them in the animation's first frame, the one
   * that applies a poll whose results the map refits to follow.
   */
  protected _animateZoom(e: L.ZoomAnimEvent) {
    (this as unknown as GridLayerInternals)._setView(e.center, e.zoom, true, true);
  }

  protected override createTile(coords: L.Coords): HTMLElement {
    const reused = this.spare.pop();
    const canvas = reused ?? document.createElement('canvas');
    const ratio = window.devicePixelRatio || 1;
    const size = this.getTileSize();
    if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
    } else if (reused) canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    const state: TileState = {
      canvas,
      coords,
      drawn: [null, null, null, null],
      pending: 0,
      buffer: null,
      fresh: [],
    };
    this.tiles.set(canvas, state);
    this.drawSoon(state);
    return canvas;
  }

  /** Draws a tile with the best outline loaded; asks for the detailed one where it is due. */
  private drawSoon(state: TileState) {
    const wantsDetail = state.coords.z >= DETAILED_FROM_ZOOM;
    if (wantsDetail && !this.detailed) this.loadDetailed();
    for (let quarter = 0; quarter < 4; quarter++) {
      state.pending++;
      schedule(() => {
        state.pending--;
        this.drawQuarter(state, quarter, wantsDetail);
        if (state.pending === 0) this.present(state);
      });
    }
  }

  /** A 512 px tile at zoom z is the outline's 256 px tiles (2x, 2y) to (2x + 1, 2y + 1) at z. */
  private drawQuarter(state: TileState, quarter: number, wantsDetail: boolean) {
    const detail: BasemapDetail = wantsDetail && this.detailed ? 'detailed' : 'overview';
    const data = detail === 'detailed' ? this.detailed : this.overview;
    // A tile that left the map (its canvas may serve another tile by now) is not drawn.
    if (!data || state.drawn[quarter] === detail || this.tiles.get(state.canvas) !== state) return;
    const { width, height } = state.canvas;
    const buffer = (state.buffer ??= Object.assign(document.createElement('canvas'), {
      width,
      height,
    }));
    const ctx = buffer.getContext('2d');
    if (!ctx) return;
    const ratio = width / TILE_SIZE;
    const [left, top] = quarterOf(width, quarter);
    ctx.setTransform(ratio, 0, 0, ratio, left, top);
    ctx.clearRect(0, 0, TILE, TILE);
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, 0, TILE, TILE);
    ctx.clip();
    const { x, y, z } = state.coords;
    data.drawTile(ctx, 2 * x + (quarter % 2), 2 * y + Math.floor(quarter / 2), z, this.colors);
    ctx.restore();
    state.drawn[quarter] = detail;
    state.fresh.push(quarter);
  }

  /** The quarters drawn since the last time, onto the tile's canvas in one go. */
  private present(state: TileState) {
    const { buffer, fresh, canvas } = state;
    state.buffer = null;
    state.fresh = [];
    if (!buffer || fresh.length === 0 || this.tiles.get(canvas) !== state) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    for (const quarter of fresh) {
      const [left, top, side] = quarterOf(canvas.width, quarter);
      ctx.clearRect(left, top, side, side);
      ctx.drawImage(buffer, left, top, side, side, left, top, side, side);
    }
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

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

/** Beyond each edge of the view, the share of its size the canvas also covers (for pans). */
const PADDING = 0.2;
/**
 * Memory for drawn tiles kept for the views to come (a 256 px tile takes 256 KB at a device
 * pixel ratio of 1, 1 MB at 2): 128 tiles on a desktop screen, 32 on a phone's. The view's own
 * are always kept.
 */
const KEPT_TILE_BYTES = 32 * 1024 * 1024;
/** How many zoom levels up a missing tile may be stood in for by a drawn one, scaled. */
const STAND_IN_LEVELS = 3;

/** Leaflet's Renderer and Map, where they are not typed. */
interface RendererInternals {
  _map: (L.Map & { _animatingZoom?: boolean }) | undefined;
  _container: HTMLElement;
  _bounds: L.Bounds | undefined;
}
const renderer = L.Renderer.prototype as unknown as { _update(this: unknown): void };

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

interface Tile {
  /** Off the page, 256 CSS px square; null until first drawn. */
  canvas: HTMLCanvasElement | null;
  /** The outline it shows (null: none yet). */
  detail: BasemapDetail | null;
  /** A drawing job is queued for it. */
  queued: boolean;
  /** When a view last used it (for keeping the most recent ones). */
  used: number;
}

/**
 * The offline basemap — land and country outlines, under any raster tiles, so the map is
 * readable with no tile server — on one canvas the size of the view and a margin, as Leaflet's
 * own vector renderer is (its base class, `L.Renderer`, moves and scales it with the map).
 *
 * Chromium gives every canvas a compositing layer of its own, and each layer costs every frame
 * of the page (a color-mode switch, a poll) in its layerize and commit steps: as canvas tiles the
 * basemap took 6–8 layers; as images of tiles one, but an image is a Largest Contentful Paint
 * candidate, and the basemap, drawn in idle time, became the page's LCP. One canvas is one layer
 * and no LCP element; its picture is handed over as an image bitmap (see `surface`).
 *
 * The outline's 256 px tiles are drawn off the page in idle-time slices (each draws only the
 * polygons it touches: 1:110m first, 1:50m from zoom 4 once loaded) and kept; the canvas is
 * composed from them when the view changes (a move's end, a zoom's end, a drag past the margin)
 * and once more when the view's last missing tile is drawn: one new picture for the compositor,
 * not one per tile. Until then, a missing tile is stood in for by a kept one of a lower zoom,
 * scaled, or by those of the next zoom, so a zoom shows the land at once, coarser for a moment.
 */
export class BasemapCanvas extends L.Renderer {
  private readonly canvas = document.createElement('canvas');
  private readonly tiles = new Map<string, Tile>();
  /** The tiles of the view last composed, its zoom, and whether some were not drawn yet. */
  private view: string[] = [];
  private viewZoom = 0;
  private incomplete = false;
  private uses = 0;
  private overview: ProjectedBasemap | null = null;
  private detailed: ProjectedBasemap | null = null;
  private loadingDetailed = false;
  private work: OffscreenCanvas | null = null;

  constructor(private colors: Pick<MapColors, 'land' | 'border'>) {
    super({ pane: 'basemap', padding: PADDING });
    void loadProjectedBasemap('overview').then(
      (data) => {
        this.overview = data;
        this.compose();
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

  override onAdd(map: L.Map): this {
    super.onAdd(map);
    map.on('move', this.followDrag, this);
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('move', this.followDrag, this);
    super.onRemove(map);
    return this;
  }

  /** The canvas on the page. */
  getCanvas(): HTMLCanvasElement {
    return this.canvas;
  }

  protected _initContainer() {
    (this as unknown as RendererInternals)._container = this.canvas;
  }

  protected _destroyContainer() {
    this.canvas.remove();
  }

  /**
   * Leaflet's Renderer calls this when a move or zoom ends: the canvas covers the new view and
   * its margin, and is composed again.
   */
  protected _update() {
    const self = this as unknown as RendererInternals;
    const map = self._map;
    if (!map || (map._animatingZoom && self._bounds)) return;
    renderer._update.call(this);
    const bounds = self._bounds;
    if (!bounds) return;
    const size = bounds.getSize();
    const ratio = window.devicePixelRatio || 1;
    L.DomUtil.setPosition(this.canvas, bounds.getTopLeft());
    // Resizing reallocates the backing store: only when the map's size changed.
    if (this.canvas.width !== size.x * ratio || this.canvas.height !== size.y * ratio) {
      this.canvas.width = size.x * ratio;
      this.canvas.height = size.y * ratio;
      this.canvas.style.width = `${size.x}px`;
      this.canvas.style.height = `${size.y}px`;
    }
    this.compose();
  }

  /**
   * A drag (or a pan's animation) that brings the view past the canvas's margin: composed where
   * it is. A fly's frames move the map's origin, not its pane: the Renderer scales the canvas.
   */
  private followDrag() {
    const self = this as unknown as RendererInternals;
    const map = self._map;
    if (!map || map._animatingZoom || !self._bounds) return;
    const view = L.bounds(
      map.containerPointToLayerPoint([0, 0]),
      map.containerPointToLayerPoint(map.getSize()),
    );
    if (!self._bounds.contains(view)) this._update();
  }

  /** The canvas drawn from the kept tiles; the view's missing ones asked for. */
  private compose() {
    const self = this as unknown as RendererInternals;
    const map = self._map;
    const bounds = self._bounds;
    const surface = map && bounds ? this.surface() : null;
    if (!map || !bounds || !surface) return;
    const { ctx } = surface;
    const ratio = window.devicePixelRatio || 1;
    const zoom = map.getZoom();
    const z = Math.max(0, Math.round(zoom));
    const side = TILE * 2 ** (zoom - z);
    const origin = map.getPixelOrigin().add(bounds.getTopLeft());
    const { x: width, y: height } = bounds.getSize();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const count = 2 ** z;
    const use = ++this.uses;
    this.view = [];
    this.viewZoom = z;
    this.incomplete = false;
    const first = { x: Math.floor(origin.x / side), y: Math.floor(origin.y / side) };
    const last = {
      x: Math.floor((origin.x + width) / side),
      y: Math.floor((origin.y + height) / side),
    };
    for (let y = Math.max(0, first.y); y <= Math.min(count - 1, last.y); y++)
      for (let x = Math.max(0, first.x); x <= Math.min(count - 1, last.x); x++) {
        const key = `${z}/${x}/${y}`;
        const tile = this.tileOf(key);
        tile.used = use;
        this.view.push(key);
        const left = x * side - origin.x;
        const top = y * side - origin.y;
        if (!this.current(tile, z)) {
          this.incomplete = true;
          this.drawSoon(key, tile, x, y, z);
        }
        if (tile.canvas) ctx.drawImage(tile.canvas, left, top, side, side);
        else this.standIn(ctx, x, y, z, left, top, side);
      }
    surface.present();
    this.keepRecent();
  }

  /**
   * Where the view is composed. Where the browser has them: a canvas off the page, its picture
   * then handed to the page's canvas whole, as an image bitmap, which the compositor keeps as it
   * is; a 2D canvas on the page is copied again in every frame that changes anything on the page
   * (without a GPU, this one's copy took ≈ 1.3 ms of each color-mode switch and each poll). Else
   * the page canvas's own 2D context.
   */
  private surface(): { ctx: Context2D; present: () => void } | null {
    if (typeof OffscreenCanvas !== 'undefined') {
      const shown = this.canvas.getContext('bitmaprenderer');
      const { width, height } = this.canvas;
      // One off-page canvas, kept while the view's size is: a new one and its context each time
      // cost more than the drawing.
      if (this.work?.width !== width || this.work.height !== height)
        this.work = new OffscreenCanvas(width, height);
      const work = this.work;
      const ctx = work.getContext('2d');
      if (shown && ctx)
        return { ctx, present: () => shown.transferFromImageBitmap(work.transferToImageBitmap()) };
    }
    const ctx = this.canvas.getContext('2d');
    return ctx && { ctx, present: () => {} };
  }

  private tileOf(key: string): Tile {
    let tile = this.tiles.get(key);
    if (!tile) {
      tile = { canvas: null, detail: null, queued: false, used: 0 };
      this.tiles.set(key, tile);
    }
    return tile;
  }

  /** The outline a tile of zoom `z` is best drawn with now (null: none loaded). */
  private best(z: number): BasemapDetail | null {
    if (z >= DETAILED_FROM_ZOOM) {
      if (this.detailed) return 'detailed';
      this.loadDetailed();
    }
    return this.overview ? 'overview' : null;
  }

  private current(tile: Tile, z: number): boolean {
    const best = this.best(z);
    return best === null || tile.detail === best;
  }

  private drawSoon(key: string, tile: Tile, x: number, y: number, z: number) {
    if (tile.queued || this.best(z) === null) return;
    tile.queued = true;
    schedule(() => {
      tile.queued = false;
      // A tile no longer kept (its view is long gone) is not drawn.
      if (this.tiles.get(key) !== tile) return;
      this.drawTile(tile, x, y, z);
      if (this.incomplete && this.view.every((k) => this.isDrawn(k))) this.compose();
    });
  }

  private isDrawn(key: string): boolean {
    const tile = this.tiles.get(key);
    return tile !== undefined && this.current(tile, this.viewZoom);
  }

  private drawTile(tile: Tile, x: number, y: number, z: number) {
    const detail = this.best(z);
    const data = detail === 'detailed' ? this.detailed : this.overview;
    if (!detail || !data || tile.detail === detail) return;
    const canvas = (tile.canvas ??= Object.assign(document.createElement('canvas'), {
      width: TILE * (window.devicePixelRatio || 1),
      height: TILE * (window.devicePixelRatio || 1),
    }));
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    // At the ratio the tile was made at (the window may have moved to another screen since).
    const ratio = canvas.width / TILE;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, TILE, TILE);
    data.drawTile(ctx, x, y, z, this.colors);
    tile.detail = detail;
  }

  /**
   * A tile not drawn yet, shown from a kept tile of a lower zoom (its part, scaled up), else from
   * the kept tiles of the next zoom (scaled down).
   */
  private standIn(
    ctx: Context2D,
    x: number,
    y: number,
    z: number,
    left: number,
    top: number,
    side: number,
  ) {
    for (let up = 1; up <= Math.min(STAND_IN_LEVELS, z); up++) {
      const above = this.tiles.get(`${z - up}/${x >> up}/${y >> up}`)?.canvas;
      if (!above) continue;
      // The part in the kept tile's own pixels (whatever ratio it was made at).
      const part = above.width / 2 ** up;
      const sx = (x % 2 ** up) * part;
      const sy = (y % 2 ** up) * part;
      ctx.drawImage(above, sx, sy, part, part, left, top, side, side);
      return;
    }
    for (let quarter = 0; quarter < 4; quarter++) {
      const dx = quarter % 2;
      const dy = Math.floor(quarter / 2);
      const below = this.tiles.get(`${z + 1}/${2 * x + dx}/${2 * y + dy}`)?.canvas;
      if (below)
        ctx.drawImage(below, left + (dx * side) / 2, top + (dy * side) / 2, side / 2, side / 2);
    }
  }

  /** The most recently used tiles, up to `KEPT_TILE_BYTES`; the view's always. */
  private keepRecent() {
    const ratio = window.devicePixelRatio || 1;
    const most = Math.floor(KEPT_TILE_BYTES / (TILE * TILE * 4 * ratio * ratio));
    if (this.tiles.size <= most) return;
    const byAge = [...this.tiles].sort((a, b) => a[1].used - b[1].used);
    for (const [key, tile] of byAge.slice(0, this.tiles.size - most))
      if (tile.used !== this.uses) this.tiles.delete(key);
  }

  /** How many drawn or asked-for tiles are kept. */
  keptTiles(): number {
    return this.tiles.size;
  }

  private loadDetailed() {
    if (this.loadingDetailed) return;
    this.loadingDetailed = true;
    void loadProjectedBasemap('detailed').then(
      (data) => {
        this.detailed = data;
        this.compose();
      },
      () => {
        this.loadingDetailed = false; // try again on the next view that wants it
      },
    );
  }
}

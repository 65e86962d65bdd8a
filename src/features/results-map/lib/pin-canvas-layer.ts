import L from 'leaflet';
import type { PinDrawRequest, PinDrawResult } from './pin-draw.worker';
import { PinSprites, stampPins } from './pin-sprites';
import { PinSurface } from './pin-surface';

export interface CanvasPin {
  lat: number;
  lng: number;
  radius: number;
  fill: string | null;
  stroke: string;
  strokeWidth: number;
  dashed: boolean;
  /** Drawn last (selected, hovered). */
  front: boolean;
  /** Text centred on the dot (a cluster's count), in `labelColor`. */
  label?: string;
  labelColor?: string;
}

function samePin(a: CanvasPin, b: CanvasPin): boolean {
  return (
    a === b ||
    (a.lat === b.lat &&
      a.lng === b.lng &&
      a.radius === b.radius &&
      a.fill === b.fill &&
      a.stroke === b.stroke &&
      a.strokeWidth === b.strokeWidth &&
      a.dashed === b.dashed &&
      a.front === b.front &&
      a.label === b.label)
  );
}

/**
 * How many of `next`'s pins are already on a canvas that shows `drawn`: all of `drawn` when
 * `next` only appends to it (a poll that brought new results) and no drawn pin is in front (new
 * pins would cover it), else 0 — clear and draw everything.
 */
export function drawnPrefix(drawn: readonly CanvasPin[], next: readonly CanvasPin[]): number {
  if (drawn.length === 0 || next.length < drawn.length) return 0;
  for (let i = 0; i < drawn.length; i++) {
    const pin = drawn[i] as CanvasPin;
    if (pin.front || !samePin(pin, next[i] as CanvasPin)) return 0;
  }
  return drawn.length;
}

const MAX_LAT = 85.0511287798;
/** Web Mercator, as a fraction of the world's width from 180° W. */
const mercatorX = (lng: number) => (lng + 180) / 360;
/** Web Mercator, as a fraction of the world's height from the north edge (Leaflet's clamp). */
function mercatorY(lat: number): number {
  const φ = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return (1 - Math.log(Math.tan(Math.PI / 4 + φ / 2)) / Math.PI) / 2;
}

/**
 * All pins on one canvas, drawn in one pass; a poll that only adds pins draws just those.
 * Leaflet's own canvas renderer keeps a path object, events and bounds per marker; for thousands
 * of pins that bookkeeping, not the drawing, is the cost. Hit-testing scans the projected points
 * of the last draw.
 *
 * Where the browser can, the pins are drawn in a worker (`pin-draw.worker.ts`) and shown as the
 * bitmap it hands back, with the canvas's new position in the same task: a canvas drawn on the
 * page is rasterized on the page's main thread when its frame is committed. Elsewhere (and if
 * the worker fails) they are drawn on the page's canvas.
 */
export class PinCanvasLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private pins: CanvasPin[] = [];
  /**
   * The pins on the canvas now (or asked of its worker), at their projected points; emptied when
   * the map moves.
   */
  private drawn: CanvasPin[] = [];
  /** The canvas's size and pixel ratio the drawing was made for. */
  private drawnSize = '';
  private xs = new Float32Array(0);
  private ys = new Float32Array(0);
  private frame = 0;
  private sprites = new PinSprites();
  private painter: WorkerPainter | null = null;
  /**
   * Draws asked for; the canvas names the last one asked and the one shown (`data-asked`,
   * `data-shown`).
   */
  private asked = 0;
  /**
   * After each draw is shown: the page's main-thread time for it (a worker's drawing is not
   * counted: it is off that thread), the pins shown and how many of them this draw painted.
   */
  onDraw: ((ms: number, count: number, painted: number) => void) | null = null;

  override onAdd(map: L.Map): this {
    const pane = map.getPane('pins') ?? map.createPane('pins');
    pane.style.zIndex = '450';
    pane.style.pointerEvents = 'none';
    this.canvas = L.DomUtil.create('canvas', 'leaflet-zoom-hide', pane);
    this.painter = WorkerPainter.start(this.canvas, () => this.drawOnPage());
    // A zoom ends with a moveend too: one redraw per view change.
    map.on('moveend resize viewreset', this.redrawAll, this);
    map.on('zoomstart viewreset', this.hideUntilDrawn, this);
    // The first draw waits for the next frame, like every later one: not in the map's setup task.
    this.frame ||= requestAnimationFrame(() => this.redraw());
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend resize viewreset', this.redrawAll, this);
    map.off('zoomstart viewreset', this.hideUntilDrawn, this);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.painter?.stop();
    this.painter = null;
    this.canvas?.remove();
    this.canvas = null;
    return this;
  }

  setPins(pins: CanvasPin[]) {
    this.pins = pins;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.redraw());
  }

  /**
   * Every pin under `point` (within its radius plus `tolerance` pixels), nearest first: pins on
   * the same spot, or a few pixels apart at this zoom, are all there to choose from.
   */
  hitAll(point: L.Point, tolerance = 4): number[] {
    const hits: { i: number; d: number }[] = [];
    for (let i = 0; i < this.xs.length; i++) {
      const pin = this.pins[i];
      if (!pin) continue;
      const d = Math.hypot((this.xs[i] as number) - point.x, (this.ys[i] as number) - point.y);
      if (d <= pin.radius + tolerance) hits.push({ i, d });
    }
    return hits.sort((a, b) => a.d - b.d).map((h) => h.i);
  }

  /** The index (in the last `setPins`) of the nearest pin under a container point, or -1. */
  hit(point: L.Point, tolerance = 4): number {
    return this.hitAll(point, tolerance)[0] ?? -1;
  }

  private redrawAll() {
    this.drawn = [];
    // A draw already asked for (the first one, or new pins) draws everything in its frame:
    // a fit right after the map is made does not draw the pins twice.
    if (!this.frame) this.redraw();
  }

  /**
   * A zoom moves every pin: until the worker's drawing for the new view is in, the old one would
   * show for a frame or two at the wrong place (Leaflet hides the canvas only while it animates).
   */
  private hideUntilDrawn() {
    if (this.painter && this.canvas) this.canvas.style.visibility = 'hidden';
  }

  /** The worker failed: a new canvas (the old one holds a bitmap context) drawn on the page. */
  private drawOnPage() {
    const old = this.canvas;
    this.painter = null;
    if (!old) return;
    this.canvas = L.DomUtil.create('canvas', 'leaflet-zoom-hide');
    old.replaceWith(this.canvas);
    this.redrawAll();
  }

  redraw() {
    this.frame = 0;
    const map = this._map as L.Map | undefined;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const started = performance.now();
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    const width = size.x * ratio;
    const height = size.y * ratio;
    if (this.drawnSize !== `${width}x${height}@${ratio}`) {
      this.drawnSize = `${width}x${height}@${ratio}`;
      this.drawn = [];
    }
    const n = this.pins.length;
    const from = drawnPrefix(this.drawn, this.pins);
    if (this.xs.length !== n) {
      const xs = new Float32Array(n);
      const ys = new Float32Array(n);
      xs.set(this.xs.subarray(0, from));
      ys.set(this.ys.subarray(0, from));
      this.xs = xs;
      this.ys = ys;
    }
    // Leaflet's latLngToContainerPoint, without its objects per pin: the same Web Mercator
    // pixel, rounded like Leaflet's, moved by the pixel origin and the pane's offset.
    const scale = 256 * 2 ** map.getZoom();
    const origin = map.getPixelOrigin();
    const pane = map.containerPointToLayerPoint([0, 0]);
    const dx = origin.x + pane.x;
    const dy = origin.y + pane.y;
    for (let i = from; i < n; i++) {
      const pin = this.pins[i] as CanvasPin;
      this.xs[i] = Math.round(mercatorX(pin.lng) * scale) - dx;
      this.ys[i] = Math.round(mercatorY(pin.lat) * scale) - dy;
    }
    this.drawn = this.pins;
    const id = ++this.asked;
    canvas.dataset.asked = String(id);
    // The page's own time for the draw: here, and (from a worker) showing its bitmap; all of it
    // when the drawing is shown before the painter returns (the page drew it).
    let pageMs: number | null = null;
    const report = (showMs: number) => {
      canvas.dataset.shown = String(id);
      this.onDraw?.(pageMs === null ? performance.now() - started : pageMs + showMs, n, n - from);
    };
    if (this.painter) {
      this.painter.draw(
        {
          id,
          width,
          height,
          ratio,
          append: from > 0,
          pins: this.pins.slice(from),
          xs: this.xs.slice(from),
          ys: this.ys.slice(from),
        },
        { size, position: from === 0 ? pane : null },
        report,
        { pins: this.pins, xs: this.xs, ys: this.ys },
      );
      pageMs = performance.now() - started;
      return;
    }
    fitCanvas(canvas, width, height, size);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    if (from === 0) {
      L.DomUtil.setPosition(canvas, pane);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
    }
    stampPins(ctx, this.sprites, this.pins, this.xs, this.ys, from, ratio);
    pageMs = performance.now() - started;
    report(0);
  }
}

/**
 * The canvas at `width` × `height` device pixels, shown at the map's CSS `size`. Resizing
 * reallocates the backing store: only when the map's size changed, not per poll.
 */
function fitCanvas(canvas: HTMLCanvasElement, width: number, height: number, size: L.Point) {
  if (canvas.width === width && canvas.height === height) return;
  canvas.width = width;
  canvas.height = height;
  canvas.style.width = `${size.x}px`;
  canvas.style.height = `${size.y}px`;
}

/** Where the canvas goes when a drawing is shown: its CSS size, and its place after a full draw. */
interface Placement {
  size: L.Point;
  position: L.Point | null;
}

/**
 * The pins' drawing worker and the canvas it shows its bitmaps on. Only the latest drawing asked
 * for is shown (an older one that arrives after it was asked is dropped: the worker's drawing
 * already holds what it had); the canvas takes the latest full draw's position with it.
 *
 * Until the worker has answered a drawing that holds pins, the page draws too and shows its own
 * drawing at once: on a reopened run's busy page, a new worker's start and empty first drawing
 * took 230–280 ms, and its first drawing of pins (its first sprites) 100–200 ms more, after the
 * pins were ready. The worker is asked for every drawing all the same, so that its kept drawing
 * is the page's when it takes over; its answers to drawings the page showed are dropped.
 */
class WorkerPainter {
  private lastId = 0;
  private position: L.Point | null = null;
  private waiting: { placement: Placement; report: (showMs: number) => void } | null = null;
  /** The page's drawing, until the worker has answered the drawing `warmAt` or a later one. */
  private page: PinSurface | null = new PinSurface({ keep: false });
  /** The first drawing asked for that holds pins. */
  private warmAt = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly canvas: HTMLCanvasElement,
    private readonly context: ImageBitmapRenderingContext,
    onFailure: () => void,
  ) {
    worker.addEventListener('message', (e: MessageEvent<PinDrawResult>) => this.show(e.data, true));
    worker.addEventListener('error', () => {
      worker.terminate();
      onFailure();
    });
  }

  /** A painter for `canvas`, or null where a worker cannot draw (then the page draws). */
  static start(canvas: HTMLCanvasElement, onFailure: () => void): WorkerPainter | null {
    if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return null;
    let worker: Worker;
    try {
      worker = new Worker(new URL('./pin-draw.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      return null;
    }
    const context = canvas.getContext('bitmaprenderer');
    if (!context) {
      worker.terminate();
      return null;
    }
    return new WorkerPainter(worker, canvas, context, onFailure);
  }

  /** `request` drawn (and shown when done); `all`: every pin, for the page to draw them anew. */
  draw(
    request: PinDrawRequest,
    placement: Placement,
    report: (showMs: number) => void,
    all: Pick<PinDrawRequest, 'pins' | 'xs' | 'ys'>,
  ) {
    this.lastId = request.id;
    if (placement.position) this.position = placement.position;
    this.waiting = { placement, report };
    if (!this.warmAt && request.pins.length > 0) this.warmAt = request.id;
    const bitmap = this.page?.draw({ ...request, ...all, append: false });
    this.worker.postMessage(request, [request.xs.buffer, request.ys.buffer]);
    if (bitmap) this.show({ id: request.id, bitmap });
  }

  private show({ id, bitmap }: PinDrawResult, fromWorker = false) {
    const started = performance.now();
    if (fromWorker && this.warmAt && id >= this.warmAt) this.page = null;
    const waiting = this.waiting;
    if (id !== this.lastId || !waiting) {
      bitmap.close();
      return;
    }
    this.waiting = null;
    const { canvas } = this;
    fitCanvas(canvas, bitmap.width, bitmap.height, waiting.placement.size);
    if (this.position) L.DomUtil.setPosition(canvas, this.position);
    this.position = null;
    this.context.transferFromImageBitmap(bitmap);
    canvas.style.visibility = '';
    waiting.report(performance.now() - started);
  }

  stop() {
    this.worker.terminate();
  }
}

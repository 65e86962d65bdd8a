import L from 'leaflet';
import { PinSprites, tracePin } from './pin-sprites';

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
 */
export class PinCanvasLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private pins: CanvasPin[] = [];
  /** The pins on the canvas now, at their projected points; emptied when the map moves. */
  private drawn: CanvasPin[] = [];
  private xs = new Float32Array(0);
  private ys = new Float32Array(0);
  private frame = 0;
  private sprites = new PinSprites();
  /** Whether this draw has set the labels' font yet. */
  private fontSet = false;
  /** After each draw: its time, the pins shown and how many of them this draw painted. */
  onDraw: ((ms: number, count: number, painted: number) => void) | null = null;

  override onAdd(map: L.Map): this {
    const pane = map.getPane('pins') ?? map.createPane('pins');
    pane.style.zIndex = '450';
    pane.style.pointerEvents = 'none';
    this.canvas = L.DomUtil.create('canvas', 'leaflet-zoom-hide', pane);
    // A zoom ends with a moveend too: one redraw per view change.
    map.on('moveend resize viewreset', this.redrawAll, this);
    // The first draw waits for the next frame, like every later one: not in the map's setup task.
    this.frame ||= requestAnimationFrame(() => this.redraw());
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend resize viewreset', this.redrawAll, this);
    if (this.frame) cancelAnimationFrame(this.frame);
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

  redraw() {
    this.frame = 0;
    const map = this._map as L.Map | undefined;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const started = performance.now();
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    // Resizing reallocates the backing store: only when the map's size changed, not per poll.
    if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = `${size.x}px`;
      canvas.style.height = `${size.y}px`;
      this.drawn = [];
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const n = this.pins.length;
    const from = drawnPrefix(this.drawn, this.pins);
    if (from === 0) {
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
    }
    if (this.xs.length !== n) {
      const xs = new Float32Array(n);
      const ys = new Float32Array(n);
      xs.set(this.xs.subarray(0, from));
      ys.set(this.ys.subarray(0, from));
      this.xs = xs;
      this.ys = ys;
    }
    this.fontSet = false;
    const front: number[] = [];
    // Leaflet's latLngToContainerPoint, without its objects per pin: the same Web Mercator
    // pixel, rounded like Leaflet's, moved by the pixel origin and the pane's offset.
    const scale = 256 * 2 ** map.getZoom();
    const origin = map.getPixelOrigin();
    const pane = map.containerPointToLayerPoint([0, 0]);
    const dx = origin.x + pane.x;
    const dy = origin.y + pane.y;
    for (let i = from; i < n; i++) {
      const pin = this.pins[i] as CanvasPin;
      const x = Math.round(mercatorX(pin.lng) * scale) - dx;
      const y = Math.round(mercatorY(pin.lat) * scale) - dy;
      this.xs[i] = x;
      this.ys[i] = y;
      if (pin.front) front.push(i);
      else this.drawPin(ctx, pin, x, y, ratio);
    }
    for (const i of front)
      this.drawPin(
        ctx,
        this.pins[i] as CanvasPin,
        this.xs[i] as number,
        this.ys[i] as number,
        ratio,
      );
    this.drawn = this.pins;
    this.onDraw?.(performance.now() - started, n, n - from);
  }

  /** One pin: its look's sprite stamped, then its label. */
  private drawPin(
    ctx: CanvasRenderingContext2D,
    pin: CanvasPin,
    x: number,
    y: number,
    ratio: number,
  ) {
    const sprite = this.sprites.of(pin, ratio);
    if (sprite) {
      const side = sprite.half * 2;
      ctx.drawImage(sprite.image, x - sprite.half, y - sprite.half, side, side);
    } else tracePin(ctx, pin, x, y);
    if (pin.label) {
      ctx.fillStyle = pin.labelColor ?? '#0f172a';
      if (!this.fontSet) {
        ctx.font = '600 11px system-ui, sans-serif';
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        this.fontSet = true;
      }
      ctx.fillText(pin.label, x, y + 0.5);
    }
  }
}

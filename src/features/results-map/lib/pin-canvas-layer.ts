import L from 'leaflet';

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
}

/**
 * All pins on one canvas, drawn in one pass. Leaflet's own canvas renderer keeps a path object,
 * events and bounds per marker; for thousands of pins that bookkeeping, not the drawing, is the
 * cost. Hit-testing scans the projected points of the last draw.
 */
export class PinCanvasLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private pins: CanvasPin[] = [];
  private xs = new Float32Array(0);
  private ys = new Float32Array(0);
  private frame = 0;
  onDraw: ((ms: number, count: number) => void) | null = null;

  override onAdd(map: L.Map): this {
    const pane = map.getPane('pins') ?? map.createPane('pins');
    pane.style.zIndex = '450';
    pane.style.pointerEvents = 'none';
    this.canvas = L.DomUtil.create('canvas', 'leaflet-zoom-hide', pane);
    map.on('moveend zoomend resize viewreset', this.redraw, this);
    this.redraw();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend zoomend resize viewreset', this.redraw, this);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.canvas?.remove();
    this.canvas = null;
    return this;
  }

  setPins(pins: CanvasPin[]) {
    this.pins = pins;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.redraw());
  }

  /** The index (in the last `setPins`) of the pin under a container point, or -1. */
  hit(point: L.Point, tolerance = 4): number {
    let best = -1;
    let bestDist = Infinity;
    for (let i = 0; i < this.xs.length; i++) {
      const pin = this.pins[i];
      if (!pin) continue;
      const d = Math.hypot((this.xs[i] as number) - point.x, (this.ys[i] as number) - point.y);
      if (d <= pin.radius + tolerance && d < bestDist) {
        best = i;
        bestDist = d;
      }
    }
    return best;
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
    }
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    const n = this.pins.length;
    if (this.xs.length !== n) {
      this.xs = new Float32Array(n);
      this.ys = new Float32Array(n);
    }
    const front: number[] = [];
    for (let i = 0; i < n; i++) {
      const pin = this.pins[i] as CanvasPin;
      const p = map.latLngToContainerPoint([pin.lat, pin.lng]);
      this.xs[i] = p.x;
      this.ys[i] = p.y;
      if (pin.front) front.push(i);
      else this.drawPin(ctx, pin, p.x, p.y);
    }
    for (const i of front)
      this.drawPin(ctx, this.pins[i] as CanvasPin, this.xs[i] as number, this.ys[i] as number);
    this.onDraw?.(performance.now() - started, n);
  }

  private drawPin(ctx: CanvasRenderingContext2D, pin: CanvasPin, x: number, y: number) {
    ctx.beginPath();
    ctx.arc(x, y, pin.radius, 0, Math.PI * 2);
    if (pin.fill) {
      ctx.fillStyle = pin.fill;
      ctx.fill();
    }
    ctx.setLineDash(pin.dashed ? [3, 3] : []);
    ctx.lineWidth = pin.strokeWidth;
    ctx.strokeStyle = pin.stroke;
    ctx.stroke();
  }
}

/**
 * Draws the map's pins off the page's main thread: a canvas on the page is rasterized when the
 * page's frame is committed, on its main thread (≈ 2 ms for 500 sprites on the benchmark's
 * machine, beside the drawing itself). Here the pins are drawn on an `OffscreenCanvas` and
 * handed back as an `ImageBitmap`, which the page shows through a `bitmaprenderer` context.
 */
import type { CanvasPin } from './pin-canvas-layer';
import { PinSprites, stampPins } from './pin-sprites';

/** What the page asks: the pins from `from` on, at their points, on the kept drawing or anew. */
export interface PinDrawRequest {
  id: number;
  /** The canvas's size in device pixels. */
  width: number;
  height: number;
  ratio: number;
  /** The drawing so far is kept and `pins` are added to it (a poll's new results). */
  append: boolean;
  pins: CanvasPin[];
  xs: Float32Array;
  ys: Float32Array;
}

export interface PinDrawResult {
  id: number;
  bitmap: ImageBitmap;
}

/** The worker's global scope, as far as used here (the DOM's types are the project's). */
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<PinDrawRequest>) => void): void;
  postMessage(message: PinDrawResult, transfer: Transferable[]): void;
};

let surface: OffscreenCanvas | null = null;
const sprites = new PinSprites();

scope.addEventListener('message', (event) => {
  const { id, width, height, ratio, append, pins, xs, ys } = event.data;
  let keep = append;
  if (!surface || surface.width !== width || surface.height !== height) {
    surface = new OffscreenCanvas(width, height);
    keep = false;
  }
  const ctx = surface.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  if (!keep) ctx.clearRect(0, 0, width / ratio, height / ratio);
  stampPins(ctx, sprites, pins, xs, ys, 0, ratio);
  const bitmap = surface.transferToImageBitmap();
  // Handing the bitmap over empties the surface: drawn back, the next poll adds to it.
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(bitmap, 0, 0);
  scope.postMessage({ id, bitmap }, [bitmap]);
});

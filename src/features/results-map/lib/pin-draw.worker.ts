/**
 * Draws the map's pins off the page's main thread: a canvas on the page is rasterized when the
 * page's frame is committed, on its main thread (≈ 2 ms for 500 sprites on the benchmark's
 * machine, beside the drawing itself). Here the pins are drawn on an `OffscreenCanvas` and
 * handed back as an `ImageBitmap`, which the page shows through a `bitmaprenderer` context.
 */
import type { CanvasPin } from './pin-canvas-layer';
import { PinSurface } from './pin-surface';

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

const surface = new PinSurface();

scope.addEventListener('message', (event) => {
  const bitmap = surface.draw(event.data);
  if (bitmap) scope.postMessage({ id: event.data.id, bitmap }, [bitmap]);
});

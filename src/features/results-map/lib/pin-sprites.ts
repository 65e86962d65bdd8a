import type { CanvasPin } from './pin-canvas-layer';

export interface PinSprite {
  image: CanvasImageSource;
  /** From the pin's centre to the sprite's edge, in CSS pixels. */
  half: number;
}

/** Beyond this many looks (clusters' radii vary with their counts), start again. */
const MAX_LOOKS = 512;

/** A new canvas of a sprite's size: off the document where the browser has one. */
function spriteCanvas(side: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(side, side);
  return Object.assign(document.createElement('canvas'), { width: side, height: side });
}

/**
 * Each look of pin (radius, fill, outline, dash) drawn once, at the screen's pixel ratio, then
 * stamped onto the map's canvas. A canvas rasterizes its drawing when it is flushed (the page's
 * when its frame is committed, the drawing worker's when its bitmap is taken): 500 anti-aliased
 * circles filled and stroked cost ~1.5 ms there on this project's reference machine, 500 copies
 * of a small bitmap a fraction of that.
 */
export class PinSprites {
  private ratio = 0;
  private byLook = new Map<string, PinSprite | null>();
  /** Plain pins are the same objects from draw to draw: their sprite without a key. */
  private byPin = new WeakMap<CanvasPin, PinSprite | null>();

  /** The pin's sprite, or null where no canvas can be made (draw the pin itself). */
  of(pin: CanvasPin, ratio: number): PinSprite | null {
    if (ratio !== this.ratio || this.byLook.size >= MAX_LOOKS) {
      this.ratio = ratio;
      this.byLook.clear();
      this.byPin = new WeakMap();
    }
    let sprite = this.byPin.get(pin);
    if (sprite !== undefined) return sprite;
    const look = `${pin.radius}|${pin.fill}|${pin.stroke}|${pin.strokeWidth}|${pin.dashed}`;
    sprite = this.byLook.get(look);
    if (sprite === undefined) this.byLook.set(look, (sprite = drawSprite(pin, ratio)));
    this.byPin.set(pin, sprite);
    return sprite;
  }
}

function drawSprite(pin: CanvasPin, ratio: number): PinSprite | null {
  // Room for the outline's outer half and a pixel of anti-aliasing.
  const half = Math.ceil(pin.radius + pin.strokeWidth / 2) + 1;
  const canvas = spriteCanvas(Math.ceil(half * 2 * ratio));
  const ctx = canvas.getContext('2d') as
    CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) return null;
  ctx.scale(ratio, ratio);
  tracePin(ctx, pin, half, half);
  return {
    image: 'transferToImageBitmap' in canvas ? canvas.transferToImageBitmap() : canvas,
    half,
  };
}

/** One pin drawn with paths: a dot (or ring) and its outline, solid or dashed. */
export function tracePin(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  pin: CanvasPin,
  x: number,
  y: number,
) {
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

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * Pins `from` to the end, at their points (CSS pixels), on a context scaled to the screen's
 * pixel ratio: each look's sprite stamped, then its label; pins in front after the others. The
 * page's canvas and the drawing worker's share it.
 */
export function stampPins(
  ctx: Context2D,
  sprites: PinSprites,
  pins: readonly CanvasPin[],
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  from: number,
  ratio: number,
) {
  let fontSet = false;
  const stamp = (i: number) => {
    const pin = pins[i] as CanvasPin;
    const x = xs[i] as number;
    const y = ys[i] as number;
    const sprite = sprites.of(pin, ratio);
    if (sprite) {
      const side = sprite.half * 2;
      ctx.drawImage(sprite.image, x - sprite.half, y - sprite.half, side, side);
    } else tracePin(ctx, pin, x, y);
    if (pin.label) {
      ctx.fillStyle = pin.labelColor ?? '#0f172a';
      if (!fontSet) {
        ctx.font = '600 11px system-ui, sans-serif';
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        fontSet = true;
      }
      ctx.fillText(pin.label, x, y + 0.5);
    }
  };
  const front: number[] = [];
  for (let i = from; i < pins.length; i++) {
    if ((pins[i] as CanvasPin).front) front.push(i);
    else stamp(i);
  }
  for (const i of front) stamp(i);
}

import { describe, expect, it } from 'vitest';
import type { CanvasPin } from './pin-canvas-layer';
import { PinSprites } from './pin-sprites';

const pin = (over: Partial<CanvasPin> = {}): CanvasPin => ({
  lat: 1,
  lng: 2,
  radius: 6,
  fill: '#4575b4',
  stroke: '#ffffff',
  strokeWidth: 1,
  dashed: false,
  front: false,
  ...over,
});

describe('PinSprites', () => {
  it('draws each look once, whatever the pin and wherever it is', () => {
    const sprites = new PinSprites();
    const a = sprites.of(pin(), 1);
    expect(a).not.toBeNull();
    expect(sprites.of(pin({ lat: 40, lng: -3, front: true }), 1)).toBe(a);
    for (const other of [
      pin({ fill: '#d73027' }),
      pin({ fill: null }),
      pin({ stroke: '#000000' }),
      pin({ strokeWidth: 2 }),
      pin({ dashed: true }),
      pin({ radius: 9 }),
    ])
      expect(sprites.of(other, 1)).not.toBe(a);
  });

  it('holds the outline and its anti-aliasing, in device pixels at the screen’s ratio', () => {
    const sprites = new PinSprites();
    const plain = sprites.of(pin(), 1)!;
    // Radius 6, an outline of 1 (half of it outside), a pixel of anti-aliasing.
    expect(plain.half).toBe(8);
    expect((plain.image as HTMLCanvasElement).width).toBe(16);
    const selected = sprites.of(pin({ radius: 9, strokeWidth: 3 }), 1)!;
    expect(selected.half).toBe(12);
    // A new ratio (the page zoomed, another screen) draws the looks again, sharper.
    const sharp = sprites.of(pin(), 2)!;
    expect(sharp).not.toBe(plain);
    expect(sharp.half).toBe(8);
    expect((sharp.image as HTMLCanvasElement).width).toBe(32);
    expect((sprites.of(pin({ radius: 7.5 }), 1.5)!.image as HTMLCanvasElement).width).toBe(27);
  });
});

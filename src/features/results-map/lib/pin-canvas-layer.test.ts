import { describe, expect, it } from 'vitest';
import { drawnPrefix, type CanvasPin } from './pin-canvas-layer';

const pin = (i: number, over: Partial<CanvasPin> = {}): CanvasPin => ({
  lat: i,
  lng: -i,
  radius: 6,
  fill: '#1a9850',
  stroke: '#ffffff',
  strokeWidth: 1,
  dashed: false,
  front: false,
  ...over,
});
const pins = (n: number) => Array.from({ length: n }, (_, i) => pin(i));

describe('drawnPrefix', () => {
  it('keeps what is drawn when a poll only appends pins', () => {
    expect(drawnPrefix(pins(480), pins(500))).toBe(480);
    expect(drawnPrefix(pins(5), pins(5))).toBe(5);
  });

  it('draws everything on a first draw, a removal or a changed pin', () => {
    expect(drawnPrefix([], pins(3))).toBe(0);
    expect(drawnPrefix(pins(5), pins(4))).toBe(0);
    const restyled = pins(6);
    restyled[2] = pin(2, { fill: null, dashed: true });
    expect(drawnPrefix(pins(5), restyled)).toBe(0);
    const moved = pins(6);
    moved[4] = pin(4, { lat: 99 });
    expect(drawnPrefix(pins(5), moved)).toBe(0);
  });

  it('draws everything when a drawn pin is in front, so new pins cannot cover it', () => {
    const drawn = pins(5);
    drawn[1] = pin(1, { front: true, radius: 9 });
    const next = [...drawn, pin(5)];
    expect(drawnPrefix(drawn, next)).toBe(0);
  });
});

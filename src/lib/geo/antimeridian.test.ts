import { describe, expect, it } from 'vitest';
import { unwrapRing, type Position } from './antimeridian';

describe('unwrapRing', () => {
  it('leaves an ordinary ring alone', () => {
    const ring: Position[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 0],
    ];
    expect(unwrapRing(ring)).toEqual(ring);
  });

  it('makes a ring across the antimeridian continuous, centred near 180°', () => {
    const fiji: Position[] = [
      [178, -17],
      [-178, -17],
      [-178, -15],
      [178, -15],
      [178, -17],
    ];
    const out = unwrapRing(fiji);
    expect(out).toEqual([
      [178, -17],
      [182, -17],
      [182, -15],
      [178, -15],
      [178, -17],
    ]);
    for (let i = 1; i < out.length; i++)
      expect(Math.abs((out[i] as Position)[0] - (out[i - 1] as Position)[0])).toBeLessThan(180);
  });

  it('re-centres a ring that starts west of the antimeridian', () => {
    const chukotka: Position[] = [
      [-179, 66],
      [179, 66],
      [179, 68],
      [-179, 68],
      [-179, 66],
    ];
    const out = unwrapRing(chukotka);
    expect(out[1]).toEqual([-181, 66]);
    const lngs = out.map(([lng]) => lng);
    expect((Math.min(...lngs) + Math.max(...lngs)) / 2).toBeGreaterThanOrEqual(-180);
  });

  it('does not tear rings elsewhere (no blanket shift of negative longitudes)', () => {
    const america: Position[] = [
      [-100, 40],
      [-90, 40],
      [-90, 45],
      [-100, 40],
    ];
    expect(unwrapRing(america)).toEqual(america);
  });

  it('leaves a ring round a pole as it is', () => {
    const antarctica: Position[] = [
      [-180, -70],
      [0, -70],
      [180, -70],
      [180, -90],
      [-180, -90],
      [-180, -70],
    ];
    expect(unwrapRing(antarctica)).toEqual(antarctica);
  });
});

import { describe, expect, it } from 'vitest';
import { buildLandData, createLandIndex } from './land';

describe('createLandIndex', () => {
  it('classifies points inside, outside and in a hole of a plain polygon', () => {
    const outer = [
      [10, 10],
      [20, 10],
      [20, 20],
      [10, 20],
      [10, 10],
    ];
    const hole = [
      [14, 14],
      [16, 14],
      [16, 16],
      [14, 16],
      [14, 14],
    ];
    const land = createLandIndex(buildLandData([[outer, hole]]));
    expect(land.isLand(12, 12)).toBe(true);
    expect(land.isLand(15, 15)).toBe(false); // the lake
    expect(land.isLand(9.99, 12)).toBe(false);
    expect(land.isLand(19.999, 19.999)).toBe(true);
    expect(land.isNearCoast(10.01, 15)).toBe(true);
    expect(land.isNearCoast(12.1, 12.1)).toBe(false);
  });

  it('handles an island ring that crosses the antimeridian', () => {
    // 178°E → 178°W and back, as the uncut TopoJSON stores it.
    const ring = [
      [178, -17],
      [-178, -17],
      [-178, -15],
      [178, -15],
      [178, -17],
    ];
    const land = createLandIndex(buildLandData([[ring]]));
    expect(land.isLand(-16, 179)).toBe(true);
    expect(land.isLand(-16, -179)).toBe(true);
    expect(land.isLand(-16, 180)).toBe(true);
    expect(land.isLand(-16, 0)).toBe(false); // not a band round the world
    expect(land.isLand(-16, 177)).toBe(false);
    expect(land.isLand(-16, -177)).toBe(false);
  });

  it('handles a ring around a pole', () => {
    const ring = [
      [-180, -70],
      [-90, -70],
      [0, -70],
      [90, -70],
      [180, -70],
      [180, -90],
      [-180, -90],
      [-180, -70],
    ];
    const land = createLandIndex(buildLandData([[ring]]));
    expect(land.isLand(-80, 0)).toBe(true);
    expect(land.isLand(-80, 179.9)).toBe(true);
    expect(land.isLand(-60, 0)).toBe(false);
  });
});

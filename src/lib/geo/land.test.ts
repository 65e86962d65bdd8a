import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Land, type LandTopology } from './land';

let land: Land;
beforeAll(() => {
  const file = path.resolve(import.meta.dirname, '../../../node_modules/world-atlas/land-50m.json');
  land = new Land(JSON.parse(fs.readFileSync(file, 'utf8')) as LandTopology);
});

describe('Land', () => {
  it('knows cities from the sea', () => {
    expect(land.contains(48.8566, 2.3522)).toBe(true); // Paris
    expect(land.contains(-33.87, 151.2) || land.couldBeListing(-33.87, 151.2)).toBe(true); // Sydney, on the coast
    expect(land.contains(35.6812, 139.7671) || land.couldBeListing(35.6812, 139.7671)).toBe(true);
    // Chukotka, on both sides of ±180° (its outline is unwrapped across it), and Fiji.
    expect(land.contains(67, 175)).toBe(true);
    expect(land.contains(68, -178)).toBe(true);
    expect(land.contains(-17.8, 178)).toBe(true);
    expect(land.contains(0, -30)).toBe(false); // mid-Atlantic
    expect(land.contains(2.3522, 48.8566)).toBe(false); // Paris swapped: the Indian Ocean
  });

  it('flags pairs given the wrong way round, and only those', () => {
    // The two the issue names: Paris (at sea) and Times Square (in Antarctica), swapped.
    expect(land.probablySwapped(2.3522, 48.8566)).toBe(true);
    expect(land.probablySwapped(-73.9855, 40.758)).toBe(true);
    // Right way round: never flagged, on the coast or inland.
    for (const [lat, lng] of [
      [48.8566, 2.3522],
      [40.758, -73.9855],
      [-33.87, 151.2],
      [35.6812, 139.7671],
      [1.2834, 103.8607], // Singapore
      [-22.95, -43.21], // Rio de Janeiro
    ] as const)
      expect(land.probablySwapped(lat, lng), `${lat}, ${lng}`).toBe(false);
    // At sea both ways: wrong, but not a swap.
    expect(land.probablySwapped(0, -30)).toBe(false);
    // A longitude beyond ±90 cannot be a swapped latitude.
    expect(land.probablySwapped(10, 150)).toBe(false);
  });
});

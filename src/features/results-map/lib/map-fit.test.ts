import { describe, expect, it } from 'vitest';
import { fitOptions } from './map-fit';

describe('fitOptions', () => {
  it('keeps the legend (bottom left) and "Fit all" (top right) clear of the fitted pins', () => {
    const options = fitOptions({ width: 1246, height: 510 }, { width: 166 }, { height: 34 }, true);
    expect(options.paddingTopLeft).toEqual({ x: 186, y: 54 });
    expect(options.paddingBottomRight).toEqual({ x: 30, y: 30 });
  });

  it('comes as close as a neighbourhood over a street map, a region over the offline one', () => {
    const map = { width: 1246, height: 510 };
    expect(fitOptions(map, { width: 166 }, { height: 34 }, true).maxZoom).toBe(15);
    expect(fitOptions(map, { width: 166 }, { height: 34 }, false).maxZoom).toBe(10);
  });

  it('gives the pins at least half of a narrow map', () => {
    const options = fitOptions({ width: 300, height: 200 }, { width: 166 }, { height: 120 }, false);
    expect(options.paddingTopLeft).toEqual({ x: 150, y: 100 });
  });

  it('keeps the usual margin before the overlays have a size', () => {
    const options = fitOptions({ width: 800, height: 400 }, { width: 0 }, { height: 0 }, false);
    expect(options.paddingTopLeft).toEqual({ x: 30, y: 30 });
  });
});

import { describe, expect, it } from 'vitest';
import { formatViewParam, parseViewParam } from './map-view';

describe('parseViewParam', () => {
  it('reads lat,lng,zoom', () => {
    expect(parseViewParam('48.85661,2.35222,12')).toEqual({
      lat: 48.85661,
      lng: 2.35222,
      zoom: 12,
    });
    expect(parseViewParam('-33.9,151.2,4')).toEqual({ lat: -33.9, lng: 151.2, zoom: 4 });
  });

  it('ignores anything malformed, out of range or incomplete', () => {
    for (const bad of [
      null,
      '',
      'abc',
      '1,2',
      '1,2,3,4',
      '91,0,3',
      '0,181,3',
      '0,0,-1',
      '0,0,19',
      '0,0,2.5',
      '1e3,0,3',
      'NaN,0,3',
      ' , ,',
    ])
      expect(parseViewParam(bad), String(bad)).toBeNull();
  });

  it('round-trips what it formats', () => {
    const view = { lat: 48.856613, lng: 2.352222, zoom: 11 };
    expect(formatViewParam(view)).toBe('48.85661,2.35222,11');
    expect(parseViewParam(formatViewParam(view))).toEqual({
      lat: 48.85661,
      lng: 2.35222,
      zoom: 11,
    });
  });
});

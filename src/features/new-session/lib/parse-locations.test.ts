import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseCsv,
  parseGeoJson,
  parseInput,
  parseText,
  splitIntoSessions,
  validate,
} from './parse-locations';

const v = (text: string) => validate(parseText(text));

describe('parseText', () => {
  it('reads lat,lng lines with tabs, semicolons, spaces, a header and trailing comments', () => {
    const r = v(
      'latitude,longitude\n48.85,2.35\n40.7\t-74.0\n35.1; 139.7 # Tokyo\n-33.9 151.2 // Sydney\n\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.locations.map((l) => [l.lat, l.lng, l.line])).toEqual([
      [48.85, 2.35, 2],
      [40.7, -74, 3],
      [35.1, 139.7, 4],
      [-33.9, 151.2, 5],
    ]);
  });

  it('follows a lng,lat header', () => {
    expect(v('lng,lat\n2.35,48.85').locations[0]).toMatchObject({ lat: 48.85, lng: 2.35 });
  });

  it.each([
    ['48.85', /two numbers/],
    ['48.85,abc', /“abc” is not a number/],
    ['north,2', /“north” is not a number/],
    ['91,0', /beyond ±90/],
    ['0,181', /Longitude 181 is beyond ±180/],
    ['120,45', /look swapped/],
    ['NaN,1', /not a number/],
    ['Infinity,1', /not a number/],
    ['0x10,1', /not a number/],
  ])('reports %j with its line number and text', (line, message) => {
    const r = v(`1,1\n${line}`);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      line: 2,
      raw: line,
      message: expect.stringMatching(message),
    });
  });

  it('reads decimal commas when latitude and longitude are set apart, with a label', () => {
    const r = v('48,8566 2,3522\n-33,87;151,2 Sydney\n40,758\t-73,9855');
    expect(r.problems).toEqual([]);
    expect(r.locations.map(({ lat, lng, label, input }) => [lat, lng, label, input])).toEqual([
      [48.8566, 2.3522, undefined, { inputRow: 1, lat: '48,8566', lng: '2,3522', values: [''] }],
      [-33.87, 151.2, 'Sydney', { inputRow: 2, lat: '-33,87', lng: '151,2', values: ['Sydney'] }],
      [40.758, -73.9855, undefined, { inputRow: 3, lat: '40,758', lng: '-73,9855', values: [''] }],
    ]);
  });

  it.each(['48,85,2,35', '48,85, 2,35', '48, 85, 2'])(
    'refuses %j, where commas could be decimals or separators, and says how to write it',
    (line) => {
      const r = v(line);
      expect(r.locations).toEqual([]);
      expect(r.problems).toEqual([
        { line: 1, raw: line, message: expect.stringMatching(/decimal commas.*48\.85, 2\.35/) },
      ]);
    },
  );

  it('merges duplicates at 6 decimals and says so', () => {
    const r = v('48.8566001,2.3522\n48.8566004,2.3522\n48.857,2.3522');
    expect(r.locations).toHaveLength(2);
    expect(r.duplicates).toEqual([
      {
        line: 2,
        raw: '48.8566004,2.3522',
        message: 'Same location as line 1 (at 6 decimals); merged.',
      },
    ]);
  });

  it('says so for empty input', () => {
    expect(v('').problems[0]?.message).toMatch(/No locations found/);
    expect(v('# only a comment\n\n').problems[0]?.message).toMatch(/No locations found/);
  });
});

describe('parseCsv', () => {
  it('reads decimal commas in a semicolon-separated file', () => {
    const r = validate(parseCsv('id;name;lat;lng\n7;Lutetia;48,851;2,3245\n'));
    expect(r.problems).toEqual([]);
    expect(r.locations).toEqual([
      {
        lat: 48.851,
        lng: 2.3245,
        line: 2,
        label: '7 Lutetia',
        input: { inputRow: 2, lat: '48,851', lng: '2,3245', values: ['7', 'Lutetia'] },
      },
    ]);
  });

  it('detects headers in any case and keeps other columns as a label', () => {
    const r = validate(
      parseCsv(
        'Name,LATITUDE,Longitude,Notes\nEiffel,48.858,2.294,tower\n"Big, Ben",51.5007,-0.1246,clock\n',
      ),
    );
    expect(r.problems).toEqual([]);
    expect(r.locations).toEqual([
      {
        lat: 48.858,
        lng: 2.294,
        line: 2,
        label: 'Eiffel tower',
        input: { inputRow: 2, lat: '48.858', lng: '2.294', values: ['Eiffel', 'tower'] },
      },
      {
        lat: 51.5007,
        lng: -0.1246,
        line: 3,
        label: 'Big, Ben clock',
        input: { inputRow: 3, lat: '51.5007', lng: '-0.1246', values: ['Big, Ben', 'clock'] },
      },
    ]);
    // The user's own columns, named as the file names them.
    expect(parseCsv('Name,LATITUDE,Longitude,Notes\n').columns).toEqual(['Name', 'Notes']);
  });

  it('names broken rows by their line in the file', () => {
    const r = validate(parseCsv('x,y\n2.35,48.85\n\n,40\n2,abc\n1,2,3\n200,10\n'));
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [4, 'The x column is empty.'],
      [5, 'y “abc” is not a number.'],
      [7, 'Longitude 200 is beyond ±180.'],
    ]);
    expect(r.locations.map((l) => l.line)).toEqual([2, 6]);
  });

  it('accepts the failed-locations CSV the monitor exports, as is', () => {
    const r = validate(
      parseInput('lat,lng\r\n35,-40\r\n0,-150\r\n', 'sess_x-failed-locations.csv'),
    );
    expect(r.problems).toEqual([]);
    expect(r.locations.map(({ lat, lng }) => [lat, lng])).toEqual([
      [35, -40],
      [0, -150],
    ]);
  });
});

describe('parseGeoJson', () => {
  it('reads Point features and reports other geometries', () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'Paris' },
          geometry: { type: 'Point', coordinates: [2.35, 48.85] },
        },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
        },
        { type: 'Feature', properties: {}, geometry: null },
        { type: 'Feature', geometry: { type: 'Point', coordinates: ['a', 1] } },
      ],
    };
    const r = validate(parseGeoJson(JSON.stringify(doc)));
    expect(r.locations).toEqual([
      {
        lat: 48.85,
        lng: 2.35,
        line: 1,
        label: 'Paris',
        input: { inputRow: 1, lat: '48.85', lng: '2.35', values: ['Paris'] },
      },
    ]);
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'LineString geometry skipped: only Points are locations.'],
      [3, 'Feature has no geometry.'],
      [4, 'Point coordinates must be [longitude, latitude] numbers.'],
    ]);
  });

  it('says what is wrong with broken JSON', () => {
    expect(validate(parseGeoJson('{"type": ')).problems[0]?.message).toMatch(/Not valid JSON/);
  });
});

describe('properties', () => {
  const coordinate = fc.record({
    lat: fc.double({ min: -90, max: 90, noNaN: true }).map((x) => Math.round(x * 1e6) / 1e6),
    lng: fc.double({ min: -180, max: 180, noNaN: true }).map((x) => Math.round(x * 1e6) / 1e6),
  });

  it('any valid coordinate list survives format → parse unchanged', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(coordinate, {
          selector: (c) => `${c.lat.toFixed(6)},${c.lng.toFixed(6)}`,
          maxLength: 60,
        }),
        (list) => {
          const r = validate(parseText(formatLocations(list)));
          if (list.length === 0) return r.locations.length === 0;
          expect(r.problems).toEqual([]);
          expect(r.locations.map(({ lat, lng }) => ({ lat, lng }))).toEqual(
            list.map(({ lat, lng }) => ({ lat: lat === 0 ? 0 : lat, lng: lng === 0 ? 0 : lng })),
          );
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('no input crashes the parsers', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom(undefined, 'a.csv', 'a.geojson', 'a.txt'),
        (text, name) => {
          const r = validate(parseInput(text, name));
          return Array.isArray(r.locations) && Array.isArray(r.problems);
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.json(), (json) => Array.isArray(validate(parseGeoJson(json)).problems)),
      { numRuns: 300 },
    );
  });
});

describe('splitIntoSessions', () => {
  it('splits 700 into 500 + 200', () => {
    expect(
      splitIntoSessions(Array.from({ length: 700 }, (_, i) => i)).map((c) => c.length),
    ).toEqual([500, 200]);
    expect(splitIntoSessions([])).toEqual([]);
  });
});

/** The text form people paste: one `lat,lng` per line. */
function formatLocations(locations: readonly { lat: number; lng: number }[]): string {
  return locations.map((l) => `${l.lat},${l.lng}`).join('\n');
}

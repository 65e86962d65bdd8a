/**
 * `npm run bench:scoring`: load time and memory, locations scored per second over 20,000
 * random land points, and the same points with a brute-force scan over all sources.
 * Targets: ≥ 20,000 locations/s, ≥ 40× the scan (the same scores on every point), load ≤ 3 s,
 * RSS ≤ 400 MB.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distance } from 'geokdbush';
import * as C from '../server/scoring/constants';
import { loadGeoData, type GeoData } from '../server/scoring/geodata';
import {
  airportLevelDb,
  createScoringModel,
  scoreForDb,
  urbanLevelDb,
} from '../server/scoring/model';

const N = 20_000;
const BRUTE_N = 1_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qs-bench-scoring-'));

let t = performance.now();
const geo = loadGeoData(dir);
const coldMs = performance.now() - t;

const warm: { loadMs: number; rssMb: number } = JSON.parse(
  execFileSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', path.join(import.meta.dirname, 'scoring-load.ts'), dir],
    {
      encoding: 'utf8',
    },
  ),
);

const model = createScoringModel(geo);
let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const points: [number, number][] = [];
while (points.length < N) {
  const lat = rand() * 140 - 60;
  const lng = rand() * 360 - 180;
  const r = model.analyzeLocation(lat, lng);
  if (r.ok || r.reason !== 'sea') points.push([lat, lng]);
}

t = performance.now();
const scores: number[] = [];
for (const [lat, lng] of points) {
  const r = model.analyzeLocation(lat, lng);
  scores.push(r.ok ? r.analysis.quiet_score : -1);
}
const indexedMs = performance.now() - t;
const indexedRate = N / (indexedMs / 1000);

function bruteForce(g: GeoData, lat: number, lng: number): number {
  let urban = -Infinity;
  let nearest = Infinity;
  for (let i = 0; i < g.places.lng.length; i++) {
    const km = distance(lng, lat, g.places.lng[i] as number, g.places.lat[i] as number);
    nearest = Math.min(nearest, km);
    urban = Math.max(urban, urbanLevelDb(g.places.population[i] as number, km));
  }
  let day = 10 ** (C.BACKGROUND_DB.day / 10) + (Number.isFinite(urban) ? 10 ** (urban / 10) : 0);
  let night =
    10 ** (C.BACKGROUND_DB.night / 10) +
    (Number.isFinite(urban) ? 10 ** ((urban - C.URBAN_NIGHT_REDUCTION_DB) / 10) : 0);
  let anyAirport = false;
  for (let i = 0; i < g.airports.lng.length; i++) {
    const km = distance(lng, lat, g.airports.lng[i] as number, g.airports.lat[i] as number);
    if (km > C.AIRPORTS_KM) continue;
    anyAirport = true;
    const large = g.airports.large[i] === 1;
    const l = airportLevelDb(large, km);
    day += 10 ** (l / 10);
    night +=
      10 **
      ((l - (large ? C.AIRPORT_NIGHT_REDUCTION_DB.large : C.AIRPORT_NIGHT_REDUCTION_DB.medium)) /
        10);
  }
  if (nearest > C.NO_DATA_KM && !anyAirport) return -1;
  return Math.round(
    (scoreForDb(10 * Math.log10(day), 'day') + scoreForDb(10 * Math.log10(night), 'night')) / 2,
  );
}

t = performance.now();
let agree = 0;
for (let i = 0; i < BRUTE_N; i++) {
  const [lat, lng] = points[i] as [number, number];
  if (bruteForce(geo, lat, lng) === scores[i]) agree++;
}
const bruteMs = performance.now() - t;
const bruteRate = BRUTE_N / (bruteMs / 1000);

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log('Quiet Score noise model benchmark');
console.log(`  cold extract + load (first start):  ${fmt(coldMs)} ms`);
console.log(`  warm load from DATA_DIR cache:      ${fmt(warm.loadMs)} ms   (target ≤ 3,000 ms)`);
console.log(`  resident memory after warm load:    ${fmt(warm.rssMb)} MB   (target ≤ 400 MB)`);
console.log(
  `  indexed: ${fmt(N)} land points in ${fmt(indexedMs)} ms = ${fmt(indexedRate)} locations/s   (target ≥ 20,000/s)`,
);
console.log(
  `  brute-force scan: ${fmt(BRUTE_N)} points in ${fmt(bruteMs)} ms = ${fmt(bruteRate)} locations/s`,
);
console.log(`  speed-up: ${fmt(indexedRate / bruteRate, 1)}×   (target ≥ 40×)`);
console.log(
  `  indexed and brute-force scores agree on ${fmt((agree / BRUTE_N) * 100, 1)}% of the scanned points`,
);
fs.rmSync(dir, { recursive: true, force: true });

const misses = [
  warm.loadMs > 3000 && 'warm load over 3,000 ms',
  warm.rssMb > 400 && 'memory over 400 MB',
  indexedRate < 20_000 && 'under 20,000 locations/s',
  indexedRate / bruteRate < 40 && 'speed-up under 40×',
  // The speed-up compares like with like only if both compute the same scores.
  agree < BRUTE_N && 'indexed and brute-force scores differ',
].filter(Boolean);
if (misses.length) {
  console.error(`Targets missed: ${misses.join('; ')}`);
  process.exit(1);
}

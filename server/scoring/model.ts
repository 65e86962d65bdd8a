/**
 * The Quiet Score noise model: a deterministic estimate of day and night A-weighted levels
 * from open data (GeoNames settlements, OurAirports airports, Natural Earth land), mapped to
 * the documented 0–100 score and levels. Pure: no HTTP, no clock, no randomness.
 * Method and constants: docs/scoring.md and ./constants.ts.
 */
import tzLookup from '@photostructure/tz-lookup';
import { around, distance } from 'geokdbush';
import KDBush from 'kdbush';
import type { z } from 'zod';
import {
  CONFIDENCE_VALUES,
  type listingFields,
  type NoiseSource,
} from '../../src/contract/schemas';
import { BAND_RANGES, bandIndexForScore, type BandRange } from '../../src/contract/score-bands';
import { round6 } from '../../src/contract/coordinates';
import { KM_PER_MILE } from '../../src/contract/units';
import * as C from './constants';
import type { GeoData } from './geodata';
import { createLandIndex } from './land';

/** The listing fields the model computes (the store adds listing_id and timestamps). */
export type ListingAnalysis = Omit<
  z.infer<typeof listingFields>,
  'listing_id' | 'created_at' | 'updated_at'
>;

export type AnalyzeResult =
  { ok: true; analysis: ListingAnalysis } | { ok: false; reason: 'sea' | 'no_data' | 'invalid' };

export interface ScoringModel {
  analyzeLocation(lat: number, lng: number): AnalyzeResult;
}

interface Contribution {
  source: Pick<NoiseSource, 'name' | 'nearest_source' | 'distance' | 'category'>;
  day: number;
  night: number;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;
const energy = (db: number) => 10 ** (db / 10);
const level = (e: number) => 10 * Math.log10(e);

/**
 * dBA → 0–100, 2 points per dB (constants.ts): the night's curve, and the day's, on which a
 * level scores as one `DAY_ALLOWANCE_DB` quieter would at night.
 */
export function scoreForDb(db: number, period: 'day' | 'night'): number {
  const level = period === 'day' ? db - C.DAY_ALLOWANCE_DB : db;
  return Math.min(
    100,
    Math.max(0, Math.round(C.SCORE_AT_DB_25 - C.SCORE_POINTS_PER_DB * (level - 25))),
  );
}

/** Urban activity level of a settlement of `population` at `km` from its centre. */
export function urbanLevelDb(population: number, km: number): number {
  const centre = C.URBAN_L0 + C.URBAN_SLOPE * Math.log10(Math.max(population, 1) / 1000);
  const radius = Math.sqrt(population / C.URBAN_DENSITY_PER_KM2 / Math.PI);
  if (km <= radius) return centre - C.URBAN_EDGE_DROP_DB * (km / radius) ** 2;
  return (
    centre -
    C.URBAN_EDGE_DROP_DB -
    20 * Math.log10(km / radius) -
    C.URBAN_EXCESS_DB_PER_KM * (km - radius)
  );
}

/** Aircraft level at `km` from an airport's reference point. */
export function airportLevelDb(large: boolean, km: number): number {
  const ref = large ? C.AIRPORT_LEVEL_DB.large : C.AIRPORT_LEVEL_DB.medium;
  const d = Math.max(km, C.AIRPORT_REF_KM);
  return (
    ref -
    20 * Math.log10(d / C.AIRPORT_REF_KM) -
    C.AIRPORT_EXCESS_DB_PER_KM * (d - C.AIRPORT_REF_KM)
  );
}

const KM_PER_DEG_LAT = 111.195;

/**
 * Ids of indexed points within `km` of a point: a bounding-box range query (split at the
 * antimeridian, widened to every longitude near a pole), then the exact great-circle test.
 * Much cheaper than a k-nearest search when every neighbour within the radius is wanted.
 */
function within(
  index: KDBush,
  xs: Float64Array,
  ys: Float64Array,
  lat: number,
  lng: number,
  km: number,
): number[] {
  const dLat = km / KM_PER_DEG_LAT;
  const cosLat = Math.cos((Math.min(Math.abs(lat) + dLat, 90) * Math.PI) / 180);
  const dLng = cosLat < 1e-6 ? 360 : km / (KM_PER_DEG_LAT * cosLat);
  const minY = lat - dLat;
  const maxY = lat + dLat;
  let ids: number[];
  if (dLng >= 180) ids = index.range(-180, minY, 180, maxY);
  else {
    const minX = lng - dLng;
    const maxX = lng + dLng;
    ids = index.range(Math.max(minX, -180), minY, Math.min(maxX, 180), maxY);
    if (minX < -180) ids = ids.concat(index.range(minX + 360, minY, 180, maxY));
    if (maxX > 180) ids = ids.concat(index.range(-180, minY, maxX - 360, maxY));
  }
  return ids.filter((i) => distance(lng, lat, xs[i] as number, ys[i] as number) <= km);
}

export function createScoringModel(geo: GeoData): ScoringModel {
  const { places, airports } = geo;
  const land = createLandIndex(geo.land);

  const placeIndex = new KDBush(places.lng.length);
  for (let i = 0; i < places.lng.length; i++)
    placeIndex.add(places.lng[i] as number, places.lat[i] as number);
  placeIndex.finish();

  const bigIds: number[] = [];
  for (let i = 0; i < places.population.length; i++)
    if ((places.population[i] as number) >= C.BIG_PLACE_POPULATION) bigIds.push(i);
  const bigLng = Float64Array.from(bigIds, (i) => places.lng[i] as number);
  const bigLat = Float64Array.from(bigIds, (i) => places.lat[i] as number);
  const bigIndex = new KDBush(bigIds.length);
  for (let j = 0; j < bigIds.length; j++) bigIndex.add(bigLng[j] as number, bigLat[j] as number);
  bigIndex.finish();

  const airportIndex = new KDBush(airports.lng.length);
  for (let i = 0; i < airports.lng.length; i++)
    airportIndex.add(airports.lng[i] as number, airports.lat[i] as number);
  airportIndex.finish();

  function urbanContributions(
    lat: number,
    lng: number,
  ): { list: Contribution[]; nearestKm: number } {
    const ids = new Set<number>(
      within(placeIndex, places.lng, places.lat, lat, lng, C.LOCAL_PLACES_KM),
    );
    for (const j of within(bigIndex, bigLng, bigLat, lat, lng, C.BIG_PLACES_KM))
      ids.add(bigIds[j] as number);
    let nearestKm = Infinity;
    // Only the two loudest settlements matter (one sets the level, two may be listed).
    const top: { i: number; km: number; day: number }[] = [];
    for (const i of ids) {
      const km = distance(lng, lat, places.lng[i] as number, places.lat[i] as number);
      nearestKm = Math.min(nearestKm, km);
      const day = urbanLevelDb(places.population[i] as number, km);
      // Ties go to the lower index, so the output never depends on Set or index order.
      const k = top.findIndex((t) => day > t.day || (day === t.day && i < t.i));
      if (k !== -1) top.splice(k, 0, { i, km, day });
      else top.push({ i, km, day });
      if (top.length > 2) top.pop();
    }
    const list = top.map(({ i, km, day }) => ({
      source: {
        name: 'Urban activity',
        nearest_source: `${places.name[i]}, ${places.country[i]}`,
        distance: round2(km / KM_PER_MILE),
        category: 'populated_places',
      },
      day,
      night: day - C.URBAN_NIGHT_REDUCTION_DB,
    }));
    return { list, nearestKm };
  }

  function airportContributions(lat: number, lng: number): Contribution[] {
    return within(airportIndex, airports.lng, airports.lat, lat, lng, C.AIRPORTS_KM).map((i) => {
      const large = airports.large[i] === 1;
      const km = distance(lng, lat, airports.lng[i] as number, airports.lat[i] as number);
      const day = airportLevelDb(large, km);
      const iata = airports.iata[i];
      return {
        source: {
          name: 'Airports',
          nearest_source: iata ? `${airports.name[i]} (${iata})` : (airports.name[i] as string),
          distance: round2(km / KM_PER_MILE),
          category: 'airports',
        },
        day,
        night:
          day - (large ? C.AIRPORT_NIGHT_REDUCTION_DB.large : C.AIRPORT_NIGHT_REDUCTION_DB.medium),
      };
    });
  }

  function nearestPlaceDistance(lat: number, lng: number): number {
    const [i] = around(placeIndex, lng, lat, 1, C.NO_DATA_KM);
    return i === undefined
      ? Infinity
      : distance(lng, lat, places.lng[i] as number, places.lat[i] as number);
  }

  function timeZoneAt(lat: number, lng: number): string {
    try {
      return tzLookup(lat, lng);
    } catch {
      return 'Etc/UTC';
    }
  }

  function analyzeLocation(rawLat: number, rawLng: number): AnalyzeResult {
    if (
      !Number.isFinite(rawLat) ||
      !Number.isFinite(rawLng) ||
      Math.abs(rawLat) > 90 ||
      Math.abs(rawLng) > 180
    ) {
      return { ok: false, reason: 'invalid' };
    }
    const lat = round6(rawLat);
    const lng = round6(rawLng);
    const onLand = land.isLand(lat, lng);
    if (!onLand && land.coastDistanceKm(lat, lng, C.COAST_TOLERANCE_KM) === null)
      return { ok: false, reason: 'sea' };

    const urban = urbanContributions(lat, lng);
    const air = airportContributions(lat, lng);
    const nearestPlaceKm = Number.isFinite(urban.nearestKm)
      ? urban.nearestKm
      : nearestPlaceDistance(lat, lng);
    if (nearestPlaceKm > C.NO_DATA_KM && air.length === 0) return { ok: false, reason: 'no_data' };

    // Overlapping settlements (a city and its districts) share one ambient field: the loudest
    // one sets it. Airports add energetically on top, as does the rural background.
    const dominantUrban = urban.list[0];
    const parts = [...(dominantUrban ? [dominantUrban] : []), ...air];
    const dayDb = level(energy(C.BACKGROUND_DB.day) + parts.reduce((s, p) => s + energy(p.day), 0));
    const nightDb = level(
      energy(C.BACKGROUND_DB.night) + parts.reduce((s, p) => s + energy(p.night), 0),
    );

    const scoreDay = scoreForDb(dayDb, 'day');
    const scoreNight = scoreForDb(nightDb, 'night');
    const quietScore = Math.round((scoreDay + scoreNight) / 2);
    const band = BAND_RANGES[bandIndexForScore(quietScore)] as BandRange;

    const listed = [...urban.list, ...air]
      .filter((c) => c.day >= C.LISTED_SOURCE_MIN_DB)
      .sort((a, b) => b.day - a.day)
      .slice(0, C.MAX_LISTED_SOURCES)
      .map((c) => ({ ...c.source, estimated_effective_db: round1(c.day) }));

    const zone = timeZoneAt(lat, lng);

    return {
      ok: true,
      analysis: {
        lat,
        lng,
        quiet_score: quietScore,
        quiet_score_range: { min: 0, max: 100 },
        quietness_level: band.level,
        quietness_description: band.description,
        quiet_day_night: {
          day_window_local: C.DAY_WINDOW,
          night_window_local: C.NIGHT_WINDOW,
          quiet_score_day: scoreDay,
          quiet_score_night: scoreNight,
          estimated_noise_db_day: round1(dayDb),
          estimated_noise_db_night: round1(nightDb),
          noise_db_unit: 'dBA',
          time_zone: zone,
        },
        noise_sources: listed,
        quiet_score_confidence: confidence({
          nearestPlaceKm,
          nearCoast: land.isNearCoast(lat, lng),
          offshore: !onLand,
          urbanDayDb: dominantUrban?.day ?? 0,
          airportDominant: air.some((a) => a.day >= (dominantUrban?.day ?? 0) && a.day >= 50),
        }),
        quiet_score_confidence_values: [...CONFIDENCE_VALUES],
      },
    };
  }

  return { analyzeLocation };
}

/**
 * How well the data supports the estimate. The model has no road or rail network, which
 * dominates noise inside towns: there it never claims "high". Coastlines at 1:10m are right to
 * about a kilometre, so a coastal cell lowers confidence too, as does distance from any data.
 */
export function confidence(f: {
  nearestPlaceKm: number;
  nearCoast: boolean;
  /** Just off the 1:10m coastline (scored as coastal land). */
  offshore?: boolean;
  urbanDayDb: number;
  airportDominant: boolean;
}): (typeof CONFIDENCE_VALUES)[number] {
  if (f.offshore || f.nearestPlaceKm > 100 || (f.nearCoast && f.nearestPlaceKm > 30)) return 'low';
  if (f.airportDominant) return 'high';
  if (f.nearCoast || f.nearestPlaceKm > 30 || f.urbanDayDb >= 50) return 'medium';
  return 'high';
}

/**
 * The noise model's constants, each with where it comes from. docs/scoring.md explains the
 * method; change a number here and there together.
 */

/** Rural natural background, A-weighted equivalent level (WHO/EEA quiet-area practice: 30–40 dB). */
export const BACKGROUND_DB = { day: 35, night: 28 };

/**
 * Urban activity (traffic, people, commerce) of a settlement as an area source.
 * Centre level L = URBAN_L0 + URBAN_SLOPE · log10(P / 1000): a village of 1,000 people ≈ 40 dB,
 * a town of 100,000 ≈ 55 dB, a city of 10 million ≈ 70 dB, in line with the Lden ranges in
 * European strategic noise maps (END 2002/49/EC) for small towns through city centres.
 */
export const URBAN_L0 = 40;
export const URBAN_SLOPE = 7.5;
/** People per km² of built-up area (typical urban density), giving each settlement a radius. */
export const URBAN_DENSITY_PER_KM2 = 4000;
/** Level drop from a settlement's centre to its edge (inside an area source the field is flat-ish). */
export const URBAN_EDGE_DROP_DB = 3;
/** Beyond the edge: geometric spreading 20·log10(d/R) plus excess attenuation (ground, barriers, air). */
export const URBAN_EXCESS_DB_PER_KM = 1.0;
/** Road traffic and activity at night: Lday − Lnight ≈ 7–10 dB in END noise maps. */
export const URBAN_NIGHT_REDUCTION_DB = 8;

/**
 * Aircraft noise around an airport reference point (field centre). Level at REF_KM, about the
 * fence: large hubs ≈ 74 dB, medium airports ≈ 60 dB (a hub's 72 dB LAeq,16h contour reaches
 * 1–2 km beyond its runway ends, its 65–70 dB Lden contours 1–3 km further).
 */
export const AIRPORT_REF_KM = 1.5;
export const AIRPORT_LEVEL_DB = { large: 74, medium: 60 };
/** Flight paths carry noise far: less excess attenuation than ground sources. */
export const AIRPORT_EXCESS_DB_PER_KM = 0.4;
/** Fewer night movements (hubs run at night; regional airports mostly do not). */
export const AIRPORT_NIGHT_REDUCTION_DB = { large: 6, medium: 12 };

/**
 * Natural Earth 1:10m generalises coastlines by a few hundred metres: a harbour town can fall
 * just "in the sea". A point at sea this close to a coastline is scored as coastal land.
 */
export const COAST_TOLERANCE_KM = 2.5;

/** Search radii. */
export const LOCAL_PLACES_KM = 30;
export const BIG_PLACE_POPULATION = 100_000;
export const BIG_PLACES_KM = 120;
export const AIRPORTS_KM = 60;
/** With no settlement or airport this close, the model has nothing to judge by. */
export const NO_DATA_KM = 500;

/** A source is listed when it reaches at least this level at the point. */
export const LISTED_SOURCE_MIN_DB = 30;
export const MAX_LISTED_SOURCES = 3;

/**
 * Night dBA → score: 100 at 25 dB, minus 2 points per dB, so the documented bands fall on 10 dB
 * steps: ≤35 dB Very Quiet (≥80), 35–45 Quiet, 45–55 Moderate, 55–65 Noisy, ≥65 Very Noisy
 * (<20). By day the same steps sit `DAY_ALLOWANCE_DB` higher (WHO's 53 dB road-traffic
 * guideline in the day's Quiet–Moderate boundary region).
 */
export const SCORE_AT_DB_25 = 100;
export const SCORE_POINTS_PER_DB = 2;

/**
 * The same noise counts for more at night. The curve above is the night's; by day a level
 * scores as one this much quieter would at night. Ten decibels: WHO's night guidance (Lnight
 * 40 dB, 2009) sits ~10 dB under its daytime community guidance (50–55 dB LAeq,16h, 1999), and
 * it reproduces the vendor's documented example: 48.2 dBA by day → 74 (documented 75),
 * 42.5 dBA at night → 65 (documented 65), overall 70 (documented 70).
 */
export const DAY_ALLOWANCE_DB = 10;

export const DAY_WINDOW = '07:00-22:00';
export const NIGHT_WINDOW = '22:00-07:00';

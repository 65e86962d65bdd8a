import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import { unwrapRing, type Position } from './antimeridian';

function unwrapGeometry(g: Geometry | null): Geometry | null {
  if (!g) return null;
  if (g.type === 'Polygon')
    return {
      ...g,
      coordinates: g.coordinates.map((r) => unwrapRing(r as Position[])),
    } satisfies Polygon;
  if (g.type === 'MultiPolygon') {
    return {
      ...g,
      coordinates: g.coordinates.map((p) => p.map((r) => unwrapRing(r as Position[]))),
    } satisfies MultiPolygon;
  }
  return g;
}

let cached: Promise<FeatureCollection> | null = null;

/**
 * Natural Earth 1:50m countries (world-atlas), fetched as a static asset only when a map is
 * shown, converted to GeoJSON with rings unwrapped across the antimeridian.
 */
export function loadBasemap(): Promise<FeatureCollection> {
  cached ??= fetch(countriesUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`basemap: HTTP ${r.status}`);
      return r.json() as Promise<Topology<{ countries: GeometryCollection }>>;
    })
    .then((topology): FeatureCollection => {
      const fc = feature(topology, topology.objects.countries) as FeatureCollection;
      return {
        type: 'FeatureCollection',
        features: fc.features.map((f): Feature => ({
          ...f,
          geometry: unwrapGeometry(f.geometry) as Geometry,
        })),
      };
    })
    .catch((error: unknown) => {
      cached = null;
      throw error;
    });
  return cached as Promise<FeatureCollection>;
}

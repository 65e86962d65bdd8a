import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import detailedUrl from 'world-atlas/countries-50m.json?url';
import overviewUrl from 'world-atlas/countries-110m.json?url';
import { unwrapRing, type Position } from './antimeridian';
import { ProjectedBasemap } from './basemap-tiles';

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

export type BasemapDetail = 'overview' | 'detailed';

/** Zoom from which the 1:50m outline replaces the 1:110m one. */
export const DETAILED_FROM_ZOOM = 4;

const cache = new Map<BasemapDetail, Promise<FeatureCollection>>();

/**
 * Natural Earth countries (world-atlas), fetched as a static asset only when a map is shown,
 * converted to GeoJSON with rings unwrapped across the antimeridian: 1:110m for the world view
 * (cheap to convert), 1:50m once the user zooms in.
 */
export function loadBasemap(detail: BasemapDetail): Promise<FeatureCollection> {
  const cached = cache.get(detail);
  if (cached) return cached;
  const loading = fetch(detail === 'detailed' ? detailedUrl : overviewUrl)
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
      cache.delete(detail);
      throw error;
    });
  cache.set(detail, loading);
  return loading;
}

const projected = new Map<BasemapDetail, Promise<ProjectedBasemap>>();

/** The outline projected and indexed for tile drawing, once per detail. */
export function loadProjectedBasemap(detail: BasemapDetail): Promise<ProjectedBasemap> {
  let loading = projected.get(detail);
  if (!loading) {
    loading = loadBasemap(detail).then((data) => new ProjectedBasemap(data));
    loading.catch(() => projected.delete(detail));
    projected.set(detail, loading);
  }
  return loading;
}

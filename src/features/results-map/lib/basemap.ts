import type { Feature } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import detailedUrl from 'world-atlas/countries-50m.json?url';
import overviewUrl from 'world-atlas/countries-110m.json?url';
import { polygonsOf, unwrapRing, type Position } from '@/lib/geo/antimeridian';
import { ProjectedBasemap } from './basemap-tiles';
import { idle } from '@/lib/idle';

export type BasemapDetail = 'overview' | 'detailed';

/** Zoom from which the 1:50m outline replaces the 1:110m one. */
export const DETAILED_FROM_ZOOM = 4;

/** Main-thread time spent converting before yielding to input and frames. */
const SLICE_MS = 6;

const cache = new Map<BasemapDetail, Promise<ProjectedBasemap>>();

/**
 * Natural Earth countries (world-atlas), fetched as a static asset only when a map is shown,
 * each country converted from TopoJSON, its rings unwrapped across the antimeridian, projected
 * and indexed for tile drawing, in slices of idle time: 1:110m for the world view, 1:50m
 * once the user zooms in.
 */
export function loadProjectedBasemap(detail: BasemapDetail): Promise<ProjectedBasemap> {
  const cached = cache.get(detail);
  if (cached) return cached;
  const loading = fetch(detail === 'detailed' ? detailedUrl : overviewUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`basemap: HTTP ${r.status}`);
      return r.json() as Promise<Topology<{ countries: GeometryCollection }>>;
    })
    .then(async (topology) => {
      const basemap = new ProjectedBasemap();
      let sliceStart = performance.now();
      for (const geometry of topology.objects.countries.geometries) {
        const country = feature(topology, geometry) as Feature;
        for (const rings of polygonsOf(country.geometry))
          basemap.add(rings.map((ring) => unwrapRing(ring as Position[])));
        if (performance.now() - sliceStart > SLICE_MS) {
          await idle();
          sliceStart = performance.now();
        }
      }
      basemap.finish();
      return basemap;
    })
    .catch((error: unknown) => {
      cache.delete(detail);
      throw error;
    });
  cache.set(detail, loading);
  return loading;
}

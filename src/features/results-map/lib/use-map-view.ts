import L from 'leaflet';
import { currentSearchParams } from '@/lib/url-search';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { appendsTo } from '@/lib/append-only';
import type { ResultRow } from '@/lib/results';
import { fitOptions } from './map-fit';
import { formatViewParam, parseViewParam } from './map-view';

/** The box around `rows`: a pass of numbers, not a `LatLng` per point as Leaflet's would. */
function boundsOf(rows: readonly ResultRow[]): L.LatLngBounds | null {
  if (rows.length === 0) return null;
  let [south, west, north, east] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { result: r } of rows) {
    if (r.lat < south) south = r.lat;
    if (r.lat > north) north = r.lat;
    if (r.lng < west) west = r.lng;
    if (r.lng > east) east = r.lng;
  }
  return L.latLngBounds([south, west], [north, east]);
}

/**
 * The bounds of `rows`, from those of `before` when `rows` only appends to them (a poll's new
 * results): a run of 10,000 results is not measured again for the 12 a poll adds.
 */
function grownBounds(
  rows: readonly ResultRow[],
  before: { rows: readonly ResultRow[]; bounds: L.LatLngBounds } | null,
): L.LatLngBounds | null {
  if (!before || !appendsTo(rows, before.rows)) return boundsOf(rows);
  const bounds = L.latLngBounds(before.bounds.getSouthWest(), before.bounds.getNorthEast());
  for (let i = before.rows.length; i < rows.length; i++) {
    const r = (rows[i] as ResultRow).result;
    bounds.extend([r.lat, r.lng]);
  }
  return bounds;
}

/**
 * The overlays' sizes as last laid out: kept up to date by a ResizeObserver, so that a refit
 * right after a poll's render does not force a layout to read them.
 */
const overlaySizes = new WeakMap<HTMLElement, { width: number; height: number }>();

function sizeOf(el: HTMLElement | null) {
  if (!el) return { width: 0, height: 0 };
  return overlaySizes.get(el) ?? { width: el.offsetWidth, height: el.offsetHeight };
}

/** The fit's padding for this map, clear of the legend and "Fit all", and its closest zoom. */
function overlayPadding(
  map: L.Map,
  legend: HTMLElement | null,
  fitAll: HTMLElement | null,
  streets: boolean,
) {
  const size = map.getSize();
  return fitOptions({ width: size.x, height: size.y }, sizeOf(legend), sizeOf(fitAll), streets);
}

/** The part of the view clear of the overlays: where a fit puts the pins. */
function clearView(map: L.Map, padding: L.FitBoundsOptions): L.LatLngBounds {
  const size = map.getSize();
  const topLeft = L.point(padding.paddingTopLeft ?? [0, 0]);
  const bottomRight = L.point(padding.paddingBottomRight ?? [0, 0]);
  return L.latLngBounds(
    map.containerPointToLatLng([topLeft.x, size.y - bottomRight.y]),
    map.containerPointToLatLng([size.x - bottomRight.x, topLeft.y]),
  );
}

/** A poll's refit is brief: it should be seen to move, not watched. */
const REFIT_SECONDS = 0.25;
/** The view is written to the URL once the map has been still this long (replace: Back is not flooded). */
const VIEW_WRITE_DELAY_MS = 400;
export interface MapOverlays {
  /** The legend (bottom left) and "Fit all" (top right): fits keep pins clear of both. */
  legendBox: RefObject<HTMLElement | null>;
  fitAllBox: RefObject<HTMLElement | null>;
  selectedIndex: number | null;
  /** A street map is shown (tiles): fits may come closer than over the offline basemap. */
  streets: boolean;
}

/**
 * Where the map looks. It follows the results (each poll that adds pins outside the view refits)
 * until the user takes the map: a press, scroll or key on it, or a selection. `fitAll` fits and
 * follows again. Once taken, the view is kept in the URL (`?view=lat,lng,zoom`), so a shared
 * link opens on it.
 */
export function useMapView(
  map: L.Map | null,
  rows: readonly ResultRow[],
  { legendBox, fitAllBox, selectedIndex, streets }: MapOverlays,
) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  // Read once: a link's view is where the map opens; later changes are the map's own.
  const [linkedView] = useState(() => parseViewParam(params.get('view')));
  const following = useRef(linkedView === null);
  const fitted = useRef(false);
  // Listening first: the fits below end with a moveend of their own.
  useEffect(() => {
    if (!map) return;
    const container = map.getContainer();
    // Only people press, scroll or type on the map; fits and refits do none of these.
    const take = () => {
      following.current = false;
    };
    const events = ['pointerdown', 'wheel', 'keydown'] as const;
    for (const e of events) container.addEventListener(e, take, { passive: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const handleMoveEnd = () => {
      const b = map.getBounds();
      // For tests and tools that cannot read a canvas: where the view is.
      container.dataset.view = [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]
        .map((v) => v.toFixed(4))
        .join(',');
      container.dataset.zoom = String(map.getZoom());
      clearTimeout(timer);
      timer = setTimeout(() => {
        const c = map.getCenter();
        const next = following.current
          ? null
          : formatViewParam({
              lat: c.lat,
              lng: L.Util.wrapNum(c.lng, [-180, 180], true),
              zoom: map.getZoom(),
            });
        const out = currentSearchParams();
        if (next === out.get('view')) return;
        if (next === null) out.delete('view');
        else out.set('view', next);
        // Commas need no escaping in a query: the link reads as ?view=lat,lng,zoom.
        navigate({ search: out.toString().replace(/%2C/g, ',') }, { replace: true });
      }, VIEW_WRITE_DELAY_MS);
    };
    map.on('moveend resize', handleMoveEnd);
    // The details panel narrows the map (a grid column): Leaflet learns its new size only if told.
    // (jsdom, in unit tests, has no ResizeObserver.)
    const resized =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            for (const { target } of entries) {
              if (target === container) map.invalidateSize({ pan: false });
              else if (target instanceof HTMLElement)
                overlaySizes.set(target, {
                  width: target.offsetWidth,
                  height: target.offsetHeight,
                });
            }
          });
    resized?.observe(container);
    for (const overlay of [legendBox.current, fitAllBox.current])
      if (overlay) resized?.observe(overlay);
    return () => {
      resized?.disconnect();
      for (const e of events) container.removeEventListener(e, take);
      map.off('moveend resize', handleMoveEnd);
      clearTimeout(timer);
    };
  }, [map, navigate, legendBox, fitAllBox]);

  useEffect(() => {
    if (!map || !linkedView) return;
    map.setView([linkedView.lat, linkedView.lng], linkedView.zoom, { animate: false });
  }, [map, linkedView]);

  // Follow the results: fit when they first arrive, refit when a poll adds pins out of view.
  const measured = useRef<{ rows: readonly ResultRow[]; bounds: L.LatLngBounds } | null>(null);
  useEffect(() => {
    if (!map || !following.current) return;
    const bounds = grownBounds(rows, measured.current);
    measured.current = bounds ? { rows, bounds } : null;
    if (!bounds) return;
    const padding = overlayPadding(map, legendBox.current, fitAllBox.current, streets);
    // Closer than a fit may come: the street map was lost (its tiles failed); fit for the
    // offline basemap.
    const tooClose = map.getZoom() > (padding.maxZoom ?? Infinity);
    if (fitted.current && !tooClose && clearView(map, padding).contains(bounds)) return;
    const first = !fitted.current;
    fitted.current = true;
    map.fitBounds(bounds, { ...padding, animate: !first, duration: REFIT_SECONDS });
  }, [map, rows, legendBox, fitAllBox, streets]);

  // A selection is the user's focus: the view stays on it.
  useEffect(() => {
    if (selectedIndex !== null) following.current = false;
  }, [selectedIndex]);

  function fitAll(shown: readonly ResultRow[]) {
    following.current = true;
    fitted.current = true;
    const bounds = boundsOf(shown);
    if (!map || !bounds) return;
    map.fitBounds(bounds, {
      ...overlayPadding(map, legendBox.current, fitAllBox.current, streets),
      animate: true,
      duration: REFIT_SECONDS,
    });
  }

  return { fitAll };
}

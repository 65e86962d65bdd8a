import L from 'leaflet';

/**
 * How close a fit may come: over a street map, a neighbourhood (a lone listing, or listings a
 * street apart, are shown among their streets); over the offline basemap, which has no streets,
 * a region.
 */
export const FIT_MAX_ZOOM = { streets: 15, offline: 10 } as const;

/**
 * Fits with room for the overlays, so no pin ends up under one: the legend's width on the left
 * (it sits bottom left, the zoom buttons top left) and "Fit all"'s height at the top (top right);
 * each at most half the map, so a narrow map still shows its pins.
 */
export function fitOptions(
  map: { width: number; height: number },
  legend: { width: number },
  fitAll: { height: number },
  streets: boolean,
): L.FitBoundsOptions {
  const MARGIN = 30;
  const OVERLAY_GAP = 20; // each overlay's offset from the edge, and some air
  return {
    paddingTopLeft: L.point(
      Math.min(map.width / 2, Math.max(MARGIN, legend.width + OVERLAY_GAP)),
      Math.min(map.height / 2, Math.max(MARGIN, fitAll.height + OVERLAY_GAP)),
    ),
    paddingBottomRight: L.point(MARGIN, MARGIN),
    maxZoom: streets ? FIT_MAX_ZOOM.streets : FIT_MAX_ZOOM.offline,
  };
}

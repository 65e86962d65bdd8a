import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { DETAILED_FROM_ZOOM, loadBasemap, type BasemapDetail } from '../lib/basemap';

/**
 * The offline basemap: land and country outlines, always drawn, below any raster tiles, so the
 * map is readable with no tile server. Loaded lazily (1:110m, then 1:50m when zoomed in); pins
 * never wait for it.
 */
export function BasemapLayer() {
  const map = useMap();
  useEffect(() => {
    const pane = map.getPane('basemap') ?? map.createPane('basemap');
    pane.style.zIndex = '150'; // under the tile pane (200) and the pins (400)
    const renderer = L.canvas({ pane: 'basemap', padding: 0.1 });
    let layer: L.GeoJSON | null = null;
    let shown: BasemapDetail | null = null;
    let cancelled = false;

    function show(detail: BasemapDetail) {
      if (shown === 'detailed' || shown === detail) return;
      loadBasemap(detail).then(
        (data) => {
          if (cancelled || shown === 'detailed') return;
          if (layer && map.hasLayer(layer)) layer.remove();
          shown = detail;
          layer = L.geoJSON(data, {
            pane: 'basemap',
            interactive: false,
            style: {
              color: '#94a3b8',
              weight: 0.7,
              fillColor: '#f4f1ea',
              fillOpacity: 1,
              renderer,
            },
          }).addTo(map);
        },
        () => {
          /* without the outline the pins and the sea color still show */
        },
      );
    }
    const handleZoom = () => {
      if (map.getZoom() >= DETAILED_FROM_ZOOM) show('detailed');
    };
    show(map.getZoom() >= DETAILED_FROM_ZOOM ? 'detailed' : 'overview');
    map.on('zoomend', handleZoom);
    return () => {
      cancelled = true;
      map.off('zoomend', handleZoom);
      if (layer && map.hasLayer(layer)) layer.remove();
    };
  }, [map]);
  return null;
}

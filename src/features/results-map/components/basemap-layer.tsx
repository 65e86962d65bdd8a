import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { loadBasemap } from '../lib/basemap';

/**
 * The offline basemap: land and country outlines, always drawn, below any raster tiles, so the
 * map is readable with no tile server. Loaded lazily; pins never wait for it.
 */
export function BasemapLayer() {
  const map = useMap();
  useEffect(() => {
    const pane = map.getPane('basemap') ?? map.createPane('basemap');
    pane.style.zIndex = '150'; // under the tile pane (200) and the pins (400)
    let layer: L.GeoJSON | null = null;
    let cancelled = false;
    loadBasemap().then(
      (data) => {
        if (cancelled) return;
        const renderer = L.canvas({ pane: 'basemap', padding: 0.1 });
        layer = L.geoJSON(data, {
          pane: 'basemap',
          interactive: false,
          style: { color: '#94a3b8', weight: 0.7, fillColor: '#f4f1ea', fillOpacity: 1, renderer },
        }).addTo(map);
      },
      () => {
        /* without the outline the pins and the sea color still show */
      },
    );
    return () => {
      cancelled = true;
      if (layer && map.hasLayer(layer)) layer.remove();
    };
  }, [map]);
  return null;
}

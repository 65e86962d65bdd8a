import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { BasemapTiles } from '../lib/basemap-tile-layer';
import type { MapColors } from '../lib/map-theme';

export function BasemapLayer({ colors }: { colors: MapColors }) {
  const map = useMap();
  const { land, border } = colors;
  useEffect(() => {
    const layer = new BasemapTiles({ land, border }).addTo(map);
    return () => {
      if (map.hasLayer(layer)) layer.remove();
    };
  }, [map, land, border]);
  return null;
}

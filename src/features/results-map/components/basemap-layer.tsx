import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { whenIdle } from '@/lib/idle';
import { BasemapCanvas } from '../lib/basemap-canvas';
import type { MapColors } from '../lib/map-theme';

export function BasemapLayer({ colors }: { colors: MapColors }) {
  const map = useMap();
  const { land, border } = colors;
  useEffect(() => {
    let layer: BasemapCanvas | null = null;
    // Added once the task that makes the map (and fits it to the results) is over: its tiles
    // are asked for once, at the view the map opens on, and not in that task.
    const cancel = whenIdle(() => {
      layer = new BasemapCanvas({ land, border }).addTo(map);
    });
    return () => {
      cancel();
      if (layer && map.hasLayer(layer)) layer.remove();
    };
  }, [map, land, border]);
  return null;
}

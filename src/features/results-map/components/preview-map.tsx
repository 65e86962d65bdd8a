import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect } from 'react';
import { MapContainer, useMap } from 'react-leaflet';
import type { Coordinate } from '@/contract/schemas';
import { useTheme } from '@/lib/theme';
import { FIT_MAX_ZOOM } from '../lib/map-fit';
import { MAP_COLORS, type MapColors } from '../lib/map-theme';
import { BasemapLayer } from './basemap-layer';

export interface PreviewMapProps {
  locations: Coordinate[];
}

/** The same map (offline basemap, canvas pins) with neutral pins: where the locations are. */
export function PreviewMap({ locations }: PreviewMapProps) {
  const colors = MAP_COLORS[useTheme()];
  return (
    <div className="h-80 overflow-hidden rounded-lg border border-slate-300">
      <MapContainer
        center={[20, 0]}
        zoom={1}
        minZoom={1}
        maxZoom={18}
        className="h-full w-full"
        style={{ background: colors.sea }}
      >
        <BasemapLayer colors={colors} />
        <NeutralPins locations={locations} colors={colors} />
      </MapContainer>
    </div>
  );
}

function NeutralPins({ locations, colors }: PreviewMapProps & { colors: MapColors }) {
  const map = useMap();
  useEffect(() => {
    const renderer = L.canvas({ padding: 0.1 });
    const layer = L.featureGroup(
      locations.map((l) =>
        L.circleMarker([l.lat, l.lng], {
          renderer,
          radius: 5,
          color: colors.pinOutline,
          weight: 1,
          fillColor: colors.failed,
          fillOpacity: 0.9,
          interactive: false,
        }),
      ),
    ).addTo(map);
    if (locations.length > 0)
      map.fitBounds(layer.getBounds(), {
        padding: [20, 20],
        maxZoom: FIT_MAX_ZOOM.offline,
        animate: false,
      });
    map.getContainer().dataset.pinCount = String(locations.length);
    return () => {
      // The map may already be gone (unmounting): it removed its layers itself.
      if (map.hasLayer(layer)) layer.remove();
    };
  }, [locations, map, colors]);
  return null;
}

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { MapContainer, TileLayer } from 'react-leaflet';
import { Button } from '@/components/ui/button';
import type { ResultRow } from '@/lib/results';
import { TEST_IDS } from '@/lib/test-ids';
import { fitOptions } from '../lib/map-fit';
import { BasemapLayer } from './basemap-layer';
import { MapLegend } from './map-legend';
import { PinLayer } from './pin-layer';

export interface ResultsMapProps {
  rows: readonly ResultRow[];
  visible: ReadonlySet<number>;
  selectedIndex: number | null;
  hoveredIndex: number | null;
  deletedListingIds: ReadonlySet<string>;
  tileUrl: string | null;
  tileAttribution: string | null;
  onSelect: (index: number) => void;
  onHover: (index: number | null) => void;
}

function boundsOf(rows: readonly ResultRow[]): L.LatLngBounds | null {
  if (rows.length === 0) return null;
  return L.latLngBounds(rows.map((r) => [r.result.lat, r.result.lng] as [number, number]));
}

function fitClearOfOverlays(
  map: L.Map,
  bounds: L.LatLngBounds,
  legend: HTMLElement | null,
  fitAll: HTMLElement | null,
  animate: boolean,
) {
  const size = map.getSize();
  map.fitBounds(bounds, {
    ...fitOptions(
      { width: size.x, height: size.y },
      { width: legend?.offsetWidth ?? 0 },
      { height: fitAll?.offsetHeight ?? 0 },
    ),
    animate,
  });
}

/** Every result on a Leaflet map: fits once when results first arrive, never moves on a poll. */
export function ResultsMap(props: ResultsMapProps) {
  const { rows, visible, tileUrl, tileAttribution, deletedListingIds } = props;
  const [map, setMap] = useState<L.Map | null>(null);
  const fitted = useRef(false);
  const legendBox = useRef<HTMLDivElement>(null);
  const fitAllBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!map || fitted.current) return;
    const bounds = boundsOf(rows);
    if (!bounds) return;
    fitted.current = true;
    fitClearOfOverlays(map, bounds, legendBox.current, fitAllBox.current, false);
  }, [map, rows]);

  const counts = useMemo(() => {
    const bands = new Map<string, number>();
    let failed = 0;
    let deleted = 0;
    for (const r of rows) {
      if (!visible.has(r.index)) continue;
      if (r.band === null) failed++;
      else {
        bands.set(r.band.level, (bands.get(r.band.level) ?? 0) + 1);
        if (deletedListingIds.has(r.selectionKey)) deleted++;
      }
    }
    return { bands, failed, deleted };
  }, [rows, visible, deletedListingIds]);

  function handleFitAll() {
    const bounds = boundsOf(rows.filter((r) => visible.has(r.index)));
    if (map && bounds) fitClearOfOverlays(map, bounds, legendBox.current, fitAllBox.current, true);
  }

  return (
    <div
      data-testid={TEST_IDS.resultsMap}
      className={`relative overflow-hidden rounded-lg border border-slate-300 [contain:strict] h-[32rem]`}
    >
      <MapContainer
        ref={setMap}
        center={[20, 0]}
        zoom={2}
        minZoom={1}
        maxZoom={18}
        worldCopyJump={false}
        className="h-full w-full"
        style={{ background: '#c9dff0' }}
        attributionControl
      >
        <BasemapLayer />
        {tileUrl && <TileLayer url={tileUrl} attribution={tileAttribution ?? ''} maxZoom={19} />}
        <PinLayer
          rows={rows}
          visible={visible}
          selectedIndex={props.selectedIndex}
          hoveredIndex={props.hoveredIndex}
          deletedListingIds={deletedListingIds}
          onSelect={props.onSelect}
          onHover={props.onHover}
        />
      </MapContainer>
      <div ref={fitAllBox} className="absolute top-2 right-2 z-[1000]">
        <Button onClick={handleFitAll} className="bg-white shadow-sm">
          Fit all
        </Button>
      </div>
      <div ref={legendBox} className="absolute bottom-6 left-2 z-[1000]">
        <MapLegend bandCounts={counts.bands} failed={counts.failed} deleted={counts.deleted} />
      </div>
    </div>
  );
}

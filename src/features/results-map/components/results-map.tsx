import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { MapContainer, TileLayer } from 'react-leaflet';
import { useNavigate, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import type { ResultRow } from '@/lib/results';
import { TEST_IDS } from '@/lib/test-ids';
import { fitOptions } from '../lib/map-fit';
import { mapImage } from '../lib/map-image';
import { MAX_ZOOM, MIN_ZOOM, formatViewParam, parseViewParam } from '../lib/map-view';
import { BasemapLayer } from './basemap-layer';
import { MapLegend } from './map-legend';
import { PinChooser } from './pin-chooser';
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
  /** Names the map in its PNG export (the session ID). */
  title?: string;
}

function boundsOf(rows: readonly ResultRow[]): L.LatLngBounds | null {
  if (rows.length === 0) return null;
  return L.latLngBounds(rows.map((r) => [r.result.lat, r.result.lng] as [number, number]));
}

/** The fit's padding for this map, clear of the legend and "Fit all". */
function overlayPadding(map: L.Map, legend: HTMLElement | null, fitAll: HTMLElement | null) {
  const size = map.getSize();
  return fitOptions(
    { width: size.x, height: size.y },
    { width: legend?.offsetWidth ?? 0 },
    { height: fitAll?.offsetHeight ?? 0 },
  );
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

/** The sea: the map's background under the land outlines. */
const MAP_BACKGROUND = '#c9dff0';
/** A poll's refit is brief: it should be seen to move, not watched. */
const REFIT_SECONDS = 0.25;
/** The view is written to the URL once the map has been still this long (replace: Back is not flooded). */
const VIEW_WRITE_DELAY_MS = 400;
/** Consecutive tile errors after which the page stops asking for tiles. */
const TILE_ERRORS_BEFORE_OFFLINE = 3;

/**
 * Every result on a Leaflet map. The view follows the results (each poll that adds pins outside
 * it refits) until the user takes the map: a pan, a zoom, a click on it or a selection. "Fit all"
 * fits and follows again. Once taken, the view is kept in the URL (`?view=lat,lng,zoom`), so a
 * shared link opens on it.
 */
export function ResultsMap(props: ResultsMapProps) {
  const { rows, visible, tileUrl, tileAttribution, deletedListingIds, selectedIndex } = props;
  const [map, setMap] = useState<L.Map | null>(null);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [tilesFailed, setTilesFailed] = useState(false);
  /** Pins under the last click, when several share the spot. */
  const [choice, setChoice] = useState<number[]>([]);
  const choices = useMemo(
    () => choice.map((i) => rows[i]).filter((r): r is ResultRow => r !== undefined),
    [choice, rows],
  );
  const tileErrors = useRef(0);
  // Read once: a link's view is where the map opens; later changes are the map's own.
  const [linkedView] = useState(() => parseViewParam(params.get('view')));
  const following = useRef(linkedView === null);
  const fitted = useRef(false);
  // The latest search params, for the debounced write below.
  const latestParams = useRef(params);
  useEffect(() => {
    latestParams.current = params;
  }, [params]);
  const legendBox = useRef<HTMLDivElement>(null);
  const fitAllBox = useRef<HTMLDivElement>(null);

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
        if (next === latestParams.current.get('view')) return;
        const out = new URLSearchParams(latestParams.current);
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
        : new ResizeObserver(() => map.invalidateSize({ pan: false }));
    resized?.observe(container);
    return () => {
      resized?.disconnect();
      for (const e of events) container.removeEventListener(e, take);
      map.off('moveend resize', handleMoveEnd);
      clearTimeout(timer);
    };
  }, [map, navigate]);

  useEffect(() => {
    if (!map || !linkedView) return;
    map.setView([linkedView.lat, linkedView.lng], linkedView.zoom, { animate: false });
  }, [map, linkedView]);

  // Follow the results: fit when they first arrive, refit when a poll adds pins out of view.
  useEffect(() => {
    if (!map || !following.current) return;
    const bounds = boundsOf(rows);
    if (!bounds) return;
    const padding = overlayPadding(map, legendBox.current, fitAllBox.current);
    if (fitted.current && clearView(map, padding).contains(bounds)) return;
    const first = !fitted.current;
    fitted.current = true;
    map.fitBounds(bounds, { ...padding, animate: !first, duration: REFIT_SECONDS });
  }, [map, rows]);

  // A selection is the user's focus: the view stays on it.
  useEffect(() => {
    if (selectedIndex !== null) following.current = false;
  }, [selectedIndex]);

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

  async function handleDownload() {
    if (!map) return;
    const blob = await mapImage({
      container: map.getContainer(),
      background: MAP_BACKGROUND,
      legend: { bandCounts: counts.bands, failed: counts.failed },
      title: props.title ?? '',
      attribution: ['Basemap: Natural Earth', tileUrl && !tilesFailed ? tileAttribution : null]
        .filter(Boolean)
        .join(' · '),
    });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `quiet-score-map${props.title ? `-${props.title}` : ''}.png`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  function handleFitAll() {
    const bounds = boundsOf(rows.filter((r) => visible.has(r.index)));
    following.current = true;
    fitted.current = true;
    if (!map || !bounds) return;
    map.fitBounds(bounds, {
      ...overlayPadding(map, legendBox.current, fitAllBox.current),
      animate: true,
      duration: REFIT_SECONDS,
    });
  }

  const tileEvents = useMemo(
    () => ({
      tileload: () => {
        tileErrors.current = 0;
      },
      tileerror: () => {
        if (++tileErrors.current >= TILE_ERRORS_BEFORE_OFFLINE) setTilesFailed(true);
      },
    }),
    [],
  );

  return (
    <div
      data-testid={TEST_IDS.resultsMap}
      className={`relative overflow-hidden rounded-lg border border-slate-300 [contain:strict] h-[32rem]`}
    >
      <MapContainer
        ref={setMap}
        center={[20, 0]}
        zoom={2}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        worldCopyJump={false}
        className="h-full w-full"
        style={{ background: MAP_BACKGROUND }}
        attributionControl
      >
        <BasemapLayer />
        {tileUrl && !tilesFailed && (
          <TileLayer
            url={tileUrl}
            attribution={tileAttribution ?? ''}
            maxZoom={19}
            eventHandlers={tileEvents}
          />
        )}
        <PinLayer
          rows={rows}
          visible={visible}
          selectedIndex={props.selectedIndex}
          hoveredIndex={props.hoveredIndex}
          deletedListingIds={deletedListingIds}
          onSelect={props.onSelect}
          onHover={props.onHover}
          onChoose={setChoice}
        />
      </MapContainer>
      {choices.length > 1 && (
        <PinChooser
          rows={choices}
          onChoose={(index) => {
            setChoice([]);
            props.onSelect(index);
          }}
          onClose={() => setChoice([])}
        />
      )}
      {tilesFailed && (
        <p
          role="status"
          className="absolute top-2 left-14 z-[1000] rounded bg-white/90 px-2 py-1 text-xs text-slate-700 shadow-sm"
        >
          Map tiles could not be loaded: showing the offline map.
        </p>
      )}
      <div ref={fitAllBox} className="absolute top-2 right-2 z-[1000] flex gap-2">
        <Button onClick={() => void handleDownload()} className="bg-white shadow-sm">
          Download PNG
        </Button>
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

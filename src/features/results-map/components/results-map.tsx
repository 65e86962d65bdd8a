import 'leaflet/dist/leaflet.css';
import type L from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MapContainer, ScaleControl, TileLayer } from 'react-leaflet';
import { Button } from '@/components/ui/button';
import { appendOnlyFold } from '@/lib/append-only';
import { readStored, writeStored } from '@/lib/browser-store';
import type { ColorScale } from '@/lib/color-modes';
import type { ResultRow } from '@/lib/results';
import { TEST_IDS } from '@/lib/test-ids';
import { useTheme } from '@/lib/theme';
import { legendEntries } from '../lib/legend';
import { mapImage } from '../lib/map-image';
import { MAP_COLORS } from '../lib/map-theme';
import { MAX_ZOOM, MIN_ZOOM } from '../lib/map-view';
import { CLUSTER_THRESHOLD } from '../lib/pin-clusters';
import { useMapView } from '../lib/use-map-view';
import { BasemapLayer } from './basemap-layer';
import { MapLegend } from './map-legend';
import { PinChooser } from './pin-chooser';
import { PinLayer } from './pin-layer';

export interface ResultsMapProps {
  rows: readonly ResultRow[];
  /** The rows the filters let through, in the same order. */
  shown: readonly ResultRow[];
  selectedIndex: number | null;
  hoveredIndex: number | null;
  deletedListingIds: ReadonlySet<string>;
  tileUrl: string | null;
  tileAttribution: string | null;
  onSelect: (index: number) => void;
  onHover: (index: number | null) => void;
  /** What the pins' colors show (the color mode). */
  scale: ColorScale;
  /**
   * No location is still to be processed: the results are final, and their clusters are kept
   * under this name (a session's, a run's).
   */
  keptAs?: string | null;
  /** Names the map in its PNG export (the session ID). */
  title?: string;
}

/** `off` when the user turned pin grouping off (remembered in localStorage). */
const CLUSTER_STORAGE_KEY = 'quiet-score.map-clusters';
/** From this zoom a map without streets says so. */
const STREET_ZOOM = 11;
/** Consecutive tile errors after which the page stops asking for tiles. */
const TILE_ERRORS_BEFORE_OFFLINE = 3;

/**
 * Every result on a Leaflet map, following the results until the user takes it (`useMapView`),
 * with its legend, "Fit all", a PNG export, a chooser for pins on one spot, and the offline
 * basemap under raster tiles that fall back to it when they fail.
 */
export function ResultsMap(props: ResultsMapProps) {
  const { rows, shown, tileUrl, tileAttribution, deletedListingIds, selectedIndex, scale } = props;
  const [map, setMap] = useState<L.Map | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const [cluster, setCluster] = useState(() => readStored('local', CLUSTER_STORAGE_KEY) !== 'off');
  // The same function from poll to poll: the legend's switch is not rendered again by one.
  const toggleCluster = useCallback(() => {
    writeStored('local', CLUSTER_STORAGE_KEY, cluster ? 'off' : null);
    setCluster(!cluster);
  }, [cluster]);
  const colors = MAP_COLORS[useTheme()];
  /** Pins under the last click, when several share the spot. */
  const [choice, setChoice] = useState<number[]>([]);
  const choices = useMemo(
    () => choice.map((i) => rows[i]).filter((r): r is ResultRow => r !== undefined),
    [choice, rows],
  );
  const tileErrors = useRef(0);
  const legendBox = useRef<HTMLDivElement>(null);
  const fitAllBox = useRef<HTMLDivElement>(null);

  const zoom = useMapKeyboardAndZoom(map, rows.length);
  const offline = !tileUrl || tilesFailed;
  const { fitAll } = useMapView(map, rows, {
    legendBox,
    fitAllBox,
    selectedIndex,
    streets: !offline,
  });

  const countsOf = useMemo(
    () =>
      appendOnlyFold(
        () => ({ classes: new Map<string, number>(), failed: 0, deleted: 0, shown: 0 }),
        (acc, r: ResultRow) => {
          acc.shown++;
          // Each pin counts once: a deleted listing as deleted, not also in its class.
          const paint = scale.classOf(r);
          if (paint === null) acc.failed++;
          else if (deletedListingIds.has(r.selectionKey)) acc.deleted++;
          else acc.classes.set(paint.key, (acc.classes.get(paint.key) ?? 0) + 1);
        },
        (acc) => ({ ...acc, classes: new Map(acc.classes) }),
      ),
    [deletedListingIds, scale],
  );
  const counts = countsOf(shown);
  const legend = useMemo(
    () => legendEntries(scale, counts.classes, counts.failed, colors.failed),
    [scale, counts, colors.failed],
  );

  async function handleDownload() {
    if (!map) return;
    const blob = await mapImage({
      container: map.getContainer(),
      background: colors.sea,
      legend: { title: scale.title, entries: legend },
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
    fitAll(shown);
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
        style={{ background: colors.sea }}
        attributionControl
      >
        <BasemapLayer colors={colors} />
        {tileUrl && !tilesFailed && (
          <TileLayer
            url={tileUrl}
            attribution={tileAttribution ?? ''}
            maxZoom={19}
            eventHandlers={tileEvents}
          />
        )}
        <ScaleControl position="bottomright" />
        <PinLayer
          rows={rows}
          shown={shown}
          selectedIndex={props.selectedIndex}
          hoveredIndex={props.hoveredIndex}
          deletedListingIds={deletedListingIds}
          onSelect={props.onSelect}
          onHover={props.onHover}
          onChoose={setChoice}
          cluster={cluster}
          colors={colors}
          scale={scale}
          keptAs={props.keptAs ?? null}
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
      <div className="absolute top-2 left-14 z-[1000] flex max-w-[calc(100%-16rem)] flex-col items-start gap-1">
        {tilesFailed && (
          <p
            role="status"
            className="rounded bg-white/90 px-2 py-1 text-xs text-slate-700 shadow-sm"
          >
            Map tiles could not be loaded: showing the offline map.
          </p>
        )}
        {offline && zoom >= STREET_ZOOM && (
          <p className="rounded bg-white/90 px-2 py-1 text-xs text-slate-700 shadow-sm">
            The offline map has no streets. For a street map, set the server’s TILE_URL to a tile
            server.
          </p>
        )}
      </div>
      <div ref={fitAllBox} className="absolute top-2 right-2 z-[1000] flex gap-2">
        <Button onClick={() => void handleDownload()} className="bg-white shadow-sm">
          Download PNG
        </Button>
        <Button onClick={handleFitAll} className="bg-white shadow-sm">
          Fit all
        </Button>
      </div>
      <div ref={legendBox} className="absolute bottom-6 left-2 z-[1000]">
        <MapLegend
          title={scale.title}
          entries={legend}
          deleted={counts.deleted}
          fromAnalysis={scale.mode !== 'overall'}
          filtered={counts.shown < rows.length ? { shown: counts.shown, total: rows.length } : null}
          grouping={
            counts.shown > CLUSTER_THRESHOLD ? { on: cluster, toggle: toggleCluster } : null
          }
        />
      </div>
    </div>
  );
}

/**
 * The map's keyboard route and its zoom: the container (focusable) is named and says that the
 * results table lists every pin, and its key T goes there (the selected row, else the first).
 */
function useMapKeyboardAndZoom(map: L.Map | null, pins: number): number {
  const [zoom, setZoom] = useState(() => map?.getZoom() ?? 0);
  useEffect(() => {
    if (!map) return;
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-roledescription', 'map');
    const handleKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 't' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target =
        document.querySelector<HTMLElement>('tr[aria-selected="true"] button') ??
        document.querySelector<HTMLElement>('tr[data-result-index] button');
      if (!target) return;
      e.preventDefault();
      target.focus();
    };
    const handleZoom = () => setZoom(map.getZoom());
    handleZoom();
    container.addEventListener('keydown', handleKey);
    map.on('zoomend', handleZoom);
    return () => {
      container.removeEventListener('keydown', handleKey);
      map.off('zoomend', handleZoom);
    };
  }, [map]);
  useEffect(() => {
    map
      ?.getContainer()
      .setAttribute(
        'aria-label',
        `Results map, ${pins} location${pins === 1 ? '' : 's'}. Press T for the results table, which lists them all.`,
      );
  }, [map, pins]);
  return zoom;
}

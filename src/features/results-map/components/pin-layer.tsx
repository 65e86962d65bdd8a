import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { ColorScale } from '@/lib/color-modes';
import type { ResultRow } from '@/lib/results';
import type { MapColors } from '../lib/map-theme';
import { PinCanvasLayer, type CanvasPin } from '../lib/pin-canvas-layer';
import { CLUSTER_THRESHOLD, clusterPin, type PinClusters, type MapItem } from '../lib/pin-clusters';
import { useClusterIndex } from '../lib/use-cluster-index';
import { pinStyle, pinTooltip } from '../lib/pin-style';

export interface PinLayerProps {
  rows: readonly ResultRow[];
  /** The rows the filters let through, in the same order. */
  shown: readonly ResultRow[];
  selectedIndex: number | null;
  hoveredIndex: number | null;
  deletedListingIds: ReadonlySet<string>;
  onSelect: (index: number) => void;
  onHover: (index: number | null) => void;
  /** Several pins under one click (or none, to close a choice): the map lets the user choose. */
  onChoose: (indexes: number[]) => void;
  /** Group pins into clusters at low zooms when there are more than `CLUSTER_THRESHOLD`. */
  cluster: boolean;
  colors: MapColors;
  /** What the pins' colors show (the color mode). */
  scale: ColorScale;
  /** The results are final (nothing left to process): the name their cluster index is kept under. */
  keptAs: string | null;
}

/**
 * The pins: one canvas layer, redrawn in one pass when filters, selection or hover change; a
 * poll that only adds results paints just the new pins. Above `CLUSTER_THRESHOLD` pins, scored
 * results are grouped per zoom (recomputed when the view moves); failed ones and the selected
 * one are always drawn as themselves. Clicks and hover are hit-tested at the map; a click on a
 * cluster zooms in; clusters are indexed in a worker (`useClusterIndex`). The tooltip is one
 * shared Leaflet tooltip built from text nodes. The container's data attributes are the test
 * hook; the `qs:pins-draw` measure is for bench:client.
 */
export function PinLayer({
  rows,
  shown,
  selectedIndex,
  hoveredIndex,
  deletedListingIds,
  onSelect,
  onHover,
  onChoose,
  cluster,
  colors,
  scale,
  keptAs,
}: PinLayerProps) {
  const map = useMap();
  const layer = useRef<PinCanvasLayer | null>(null);
  /** Time spent preparing the pins for the next draw (for the qs:pins-draw measure). */
  const buildMs = useRef(0);
  /** What is drawn, in the order of the pins last drawn, for hit-testing. */
  const drawn = useRef<MapItem[]>([]);
  /** Lays the pins out again for the view (set by the effect below; clusters depend on it). */
  const layout = useRef<(() => void) | null>(null);
  const latest = useRef({
    onSelect,
    onHover,
    onChoose,
    deletedListingIds,
    scale,
    clusters: null as PinClusters | null,
  });

  const {
    index: clusters,
    arrived,
    pending,
  } = useClusterIndex(cluster && shown.length > CLUSTER_THRESHOLD, rows, shown, scale, keptAs);

  useEffect(() => {
    latest.current = { onSelect, onHover, onChoose, deletedListingIds, scale, clusters };
  });

  useEffect(() => {
    const pins = new PinCanvasLayer();
    pins.onDraw = (drawMs, count, painted) => {
      const total = drawMs + buildMs.current;
      buildMs.current = 0;
      // Measured only for the client benchmark, which sets the flag before the app loads.
      if (count > 0 && (window as { __qsBenchMeasure?: boolean }).__qsBenchMeasure)
        performance.measure('qs:pins-draw', {
          start: performance.now() - total,
          duration: total,
          detail: { pins: count, painted },
        });
    };
    // Before the layer's own listener: clusters are laid out for the new view before it redraws.
    const handleView = () => {
      if (latest.current.clusters) layout.current?.();
    };
    map.on('moveend', handleView);
    pins.addTo(map);
    const tooltip = L.tooltip({ direction: 'top', offset: [0, -6] });
    let hovered: MapItem | null = null;
    const itemAt = (e: L.LeafletMouseEvent) => drawn.current[pins.hit(e.containerPoint)] ?? null;
    const handleMove = (e: L.LeafletMouseEvent) => {
      const item = itemAt(e);
      if (item === hovered) return;
      hovered = item;
      map.getContainer().style.cursor = item ? 'pointer' : '';
      latest.current.onHover(item?.kind === 'row' ? item.row.index : null);
      if (!item) {
        map.closeTooltip(tooltip);
        return;
      }
      const lines =
        item.kind === 'cluster'
          ? [
              `${item.count} listings · ${latest.current.scale.ordered ? 'worst: ' : ''}${item.worst.label}`,
              'Click to zoom in',
            ]
          : pinTooltip(
              item.row,
              latest.current.deletedListingIds.has(item.row.selectionKey),
              latest.current.scale,
            );
      const { lat, lng } = item.kind === 'cluster' ? item : item.row.result;
      tooltip.setLatLng([lat, lng]).setContent(textLines(lines));
      map.openTooltip(tooltip);
    };
    const handleClick = (e: L.LeafletMouseEvent) => {
      const items = pins
        .hitAll(e.containerPoint)
        .map((i) => drawn.current[i])
        .filter((r): r is MapItem => r !== undefined);
      const nearest = items[0];
      const index = latest.current.clusters;
      if (nearest?.kind === 'cluster' && index) {
        latest.current.onChoose([]);
        map.flyTo([nearest.lat, nearest.lng], index.expansionZoom(nearest.id), { duration: 0.4 });
        return;
      }
      const rows = items.flatMap((item) => (item.kind === 'row' ? [item.row] : []));
      if (rows.length === 1) latest.current.onSelect((rows[0] as ResultRow).index);
      // Pins on one spot are all offered, so that none is unreachable; a click elsewhere closes.
      latest.current.onChoose(rows.length > 1 ? rows.map((r) => r.index) : []);
    };
    map.on('mousemove', handleMove);
    map.on('click', handleClick);
    layer.current = pins;
    return () => {
      map.off('moveend', handleView);
      map.off('mousemove', handleMove);
      map.off('click', handleClick);
      // The map may already be gone (unmounting): it removed its layers itself.
      if (map.hasLayer(pins)) pins.remove();
      if (map.hasLayer(tooltip)) tooltip.remove();
    };
  }, [map]);

  // Each item's pin, kept while the pins' looks are the same: a poll styles only new items.
  const styled = useMemo(
    () => new WeakMap<MapItem, CanvasPin>(),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new cache when a pin would look otherwise
    [selectedIndex, hoveredIndex, deletedListingIds, colors, scale],
  );

  useEffect(() => {
    const pins = layer.current;
    if (!pins) return;
    const style = (row: ResultRow) =>
      pinStyle(
        row,
        {
          selected: row.index === selectedIndex,
          hovered: row.index === hoveredIndex,
          deleted: deletedListingIds.has(row.selectionKey),
        },
        colors,
        scale,
      );
    const container = map.getContainer();
    layout.current = () => {
      const started = performance.now();
      // Until the worker's first index of these pins is in, none is drawn (a moment).
      const items = pending
        ? []
        : clusters
          ? clusteredItems(clusters, map, shown, selectedIndex, arrived)
          : rowItems(shown);
      drawn.current = items;
      pins.setPins(
        items.map((item) => {
          let pin = styled.get(item);
          if (!pin)
            styled.set(
              item,
              (pin =
                item.kind === 'row' ? style(item.row) : clusterPin(item, colors.clusterOutline)),
            );
          return pin;
        }),
      );
      buildMs.current += performance.now() - started;
      container.dataset.drawnCount = String(items.length);
      container.dataset.clusterCount = String(
        clusters ? items.filter((i) => i.kind === 'cluster').length : 0,
      );
    };
    layout.current();
    container.dataset.pinCount = String(rows.length);
    container.dataset.visiblePinCount = String(shown.length);
  }, [
    rows,
    shown,
    clusters,
    arrived,
    pending,
    selectedIndex,
    hoveredIndex,
    deletedListingIds,
    colors,
    scale,
    map,
    styled,
  ]);

  return null;
}

/** One item per row, kept as long as the row: a poll allocates items only for new rows. */
const rowItemCache = new WeakMap<ResultRow, MapItem>();

function rowItem(row: ResultRow): MapItem {
  let item = rowItemCache.get(row);
  if (!item) rowItemCache.set(row, (item = { kind: 'row', row }));
  return item;
}

const rowItems = (rows: readonly ResultRow[]) => rows.map(rowItem);

/**
 * Clusters and single pins in (and a little around) the view, then every failed result and
 * the selected one on top (neither may hide in a cluster), then the results that arrived since
 * the index was built.
 */
function clusteredItems(
  clusters: PinClusters,
  map: L.Map,
  shown: readonly ResultRow[],
  selectedIndex: number | null,
  arrived: readonly ResultRow[],
): MapItem[] {
  const b = map.getBounds().pad(0.2);
  const items = clusters.itemsIn(
    [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
    map.getZoom(),
  );
  for (const row of clusters.failed) items.push(rowItem(row));
  const selected =
    selectedIndex === null ? undefined : shown.find((r) => r.index === selectedIndex);
  if (selected?.band && !items.some((i) => i.kind === 'row' && i.row === selected))
    items.push(rowItem(selected));
  // Results the index has not taken in yet, on top, as they come.
  for (const row of arrived) if (row !== selected) items.push(rowItem(row));
  return items;
}

/** Tooltip content as text nodes: strings from the API never become markup. */
function textLines(lines: string[]): HTMLElement {
  const el = document.createElement('div');
  for (const line of lines) {
    const div = document.createElement('div');
    div.textContent = line;
    el.append(div);
  }
  return el;
}

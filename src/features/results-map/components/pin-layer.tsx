import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { ResultRow } from '@/lib/results';
import { pinStyle, pinTooltip } from '../lib/pin-style';

export interface PinLayerProps {
  rows: readonly ResultRow[];
  visible: ReadonlySet<number>;
  selectedIndex: number | null;
  hoveredIndex: number | null;
  deletedListingIds: ReadonlySet<string>;
  onSelect: (index: number) => void;
  onHover: (index: number | null) => void;
}

/**
 * All pins on one canvas renderer. A new poll adds markers for new results only; existing
 * markers are restyled, never rebuilt. The container's data attributes are the test hook.
 */
export function PinLayer({
  rows,
  visible,
  selectedIndex,
  hoveredIndex,
  deletedListingIds,
  onSelect,
  onHover,
}: PinLayerProps) {
  const map = useMap();
  const markers = useRef(new Map<number, L.CircleMarker>());
  const group = useRef<L.LayerGroup | null>(null);
  const renderer = useRef<L.Canvas | null>(null);
  const handlers = useRef({ onSelect, onHover, deletedListingIds });
  useEffect(() => {
    handlers.current = { onSelect, onHover, deletedListingIds };
  });

  useEffect(() => {
    renderer.current = L.canvas({ padding: 0.5, tolerance: 4 });
    group.current = L.layerGroup().addTo(map);
    const owned = markers.current;
    return () => {
      group.current?.remove();
      owned.clear();
    };
  }, [map]);

  // New results → new markers (old ones untouched).
  useEffect(() => {
    const layer = group.current;
    if (!layer || !renderer.current) return;
    for (const row of rows) {
      if (markers.current.has(row.index)) continue;
      const deleted =
        row.result.status === 'success' && deletedListingIds.has(row.result.listing_id);
      const marker = L.circleMarker([row.result.lat, row.result.lng], {
        renderer: renderer.current,
        bubblingMouseEvents: false,
        ...pinStyle(row, { selected: false, hovered: false, deleted }),
      });
      marker.bindTooltip(
        () =>
          tooltipElement(pinTooltip(row, handlers.current.deletedListingIds.has(row.selectionKey))),
        {
          direction: 'top',
          offset: [0, -6],
        },
      );
      marker.on('click', () => handlers.current.onSelect(row.index));
      marker.on('mouseover', () => handlers.current.onHover(row.index));
      marker.on('mouseout', () => handlers.current.onHover(null));
      markers.current.set(row.index, marker);
    }
  }, [rows, deletedListingIds]);

  // Visibility, selection, hover and deletion → restyle in place.
  useEffect(() => {
    const layer = group.current;
    if (!layer) return;
    let shown = 0;
    for (const row of rows) {
      const marker = markers.current.get(row.index);
      if (!marker) continue;
      const isVisible = visible.has(row.index);
      if (isVisible) shown++;
      if (isVisible && !layer.hasLayer(marker)) layer.addLayer(marker);
      if (!isVisible && layer.hasLayer(marker)) layer.removeLayer(marker);
      const deleted =
        row.result.status === 'success' && deletedListingIds.has(row.result.listing_id);
      marker.setStyle(
        pinStyle(row, {
          selected: row.index === selectedIndex,
          hovered: row.index === hoveredIndex,
          deleted,
        }),
      );
      if (row.index === selectedIndex || row.index === hoveredIndex) marker.bringToFront();
    }
    const container = map.getContainer();
    container.dataset.pinCount = String(markers.current.size);
    container.dataset.visiblePinCount = String(shown);
  }, [rows, visible, selectedIndex, hoveredIndex, deletedListingIds, map]);

  return null;
}

/** Tooltip content as text nodes: strings from the API never become markup. */
function tooltipElement(lines: string[]): HTMLElement {
  const el = document.createElement('div');
  for (const line of lines) {
    const div = document.createElement('div');
    div.textContent = line;
    el.append(div);
  }
  return el;
}

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

interface Pin {
  marker: L.CircleMarker;
  row: ResultRow;
  /** The state it was last styled with, so unchanged pins are not touched. */
  styled: string;
}

/**
 * All pins on one canvas renderer. A poll adds markers for new results only, and restyles only
 * the pins whose state changed. Events and the tooltip are handled once, at the group. The
 * container's data attributes are the test hook; `qs:pins-draw` measures are for bench:client.
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
  const pins = useRef(new Map<number, Pin>());
  const byMarker = useRef(new WeakMap<L.Layer, Pin>());
  const group = useRef<L.FeatureGroup | null>(null);
  const renderer = useRef<L.Canvas | null>(null);
  const latest = useRef({ onSelect, onHover, deletedListingIds });
  useEffect(() => {
    latest.current = { onSelect, onHover, deletedListingIds };
  });

  useEffect(() => {
    renderer.current = L.canvas({ padding: 0.1, tolerance: 4 });
    const layer = L.featureGroup().addTo(map);
    const tooltip = L.tooltip({ direction: 'top', offset: [0, -6] });
    const pinOf = (e: L.LeafletEvent) =>
      byMarker.current.get((e as L.LeafletMouseEvent & { layer: L.Layer }).layer);
    layer.on('click', (e) => {
      const pin = pinOf(e);
      if (pin) latest.current.onSelect(pin.row.index);
    });
    layer.on('mouseover', (e) => {
      const pin = pinOf(e);
      if (!pin) return;
      latest.current.onHover(pin.row.index);
      tooltip
        .setLatLng(pin.marker.getLatLng())
        .setContent(
          textLines(
            pinTooltip(pin.row, latest.current.deletedListingIds.has(pin.row.selectionKey)),
          ),
        );
      map.openTooltip(tooltip);
    });
    layer.on('mouseout', () => {
      latest.current.onHover(null);
      map.closeTooltip(tooltip);
    });
    group.current = layer;
    const owned = pins.current;
    return () => {
      // The map may already be gone (unmounting): it removed its layers itself.
      if (map.hasLayer(layer)) layer.remove();
      if (map.hasLayer(tooltip)) tooltip.remove();
      owned.clear();
    };
  }, [map]);

  // New results → new markers; existing ones are left as they are.
  useEffect(() => {
    const layer = group.current;
    if (!layer || !renderer.current) return;
    const started = performance.now();
    let added = 0;
    for (const row of rows) {
      if (pins.current.has(row.index)) continue;
      const marker = L.circleMarker([row.result.lat, row.result.lng], {
        renderer: renderer.current,
        bubblingMouseEvents: false,
      });
      const pin = { marker, row, styled: '' };
      pins.current.set(row.index, pin);
      byMarker.current.set(marker, pin);
      added++;
    }
    if (added > 0) {
      const effectMs = performance.now() - started;
      // Our frame callback runs right after Leaflet's canvas redraw in the same frame: work is
      // this effect plus that redraw, not the idle wait for the frame.
      requestAnimationFrame((frameStart) => {
        const drawMs = performance.now() - frameStart;
        performance.measure('qs:pins-draw', {
          start: started,
          duration: effectMs + drawMs,
          detail: { added, effectMs, drawMs },
        });
      });
    }
  }, [rows]);

  // Visibility, selection, hover and deletion → restyle the pins whose state changed.
  useEffect(() => {
    const layer = group.current;
    if (!layer) return;
    let shown = 0;
    for (const pin of pins.current.values()) {
      const { row, marker } = pin;
      const isVisible = visible.has(row.index);
      if (isVisible) shown++;
      const state = {
        selected: row.index === selectedIndex,
        hovered: row.index === hoveredIndex,
        deleted: deletedListingIds.has(row.selectionKey),
      };
      const key = `${isVisible}${state.selected}${state.hovered}${state.deleted}`;
      if (key === pin.styled) continue;
      const wasVisible = pin.styled.startsWith('true');
      pin.styled = key;
      marker.setStyle(pinStyle(row, state));
      if (isVisible && !wasVisible) layer.addLayer(marker);
      if (!isVisible && wasVisible) layer.removeLayer(marker);
      if (isVisible && (state.selected || state.hovered)) marker.bringToFront();
    }
    const container = map.getContainer();
    container.dataset.pinCount = String(pins.current.size);
    container.dataset.visiblePinCount = String(shown);
  }, [rows, visible, selectedIndex, hoveredIndex, deletedListingIds, map]);

  return null;
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

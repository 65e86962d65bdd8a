import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { ResultRow } from '@/lib/results';
import { PinCanvasLayer } from '../lib/pin-canvas-layer';
import { pinStyle, pinTooltip } from '../lib/pin-style';

export interface PinLayerProps {
  rows: readonly ResultRow[];
  visible: ReadonlySet<number>;
  selectedIndex: number | null;
  hoveredIndex: number | null;
  deletedListingIds: ReadonlySet<string>;
  onSelect: (index: number) => void;
  onHover: (index: number | null) => void;
  /** Several pins under one click (or none, to close a choice): the map lets the user choose. */
  onChoose: (indexes: number[]) => void;
}

/**
 * The pins: one canvas layer, redrawn in one pass when filters, selection or hover change; a
 * poll that only adds results paints just the new pins. Clicks and hover are hit-tested at the
 * map; the tooltip is one shared Leaflet tooltip built from text nodes. The container's data
 * attributes are the test hook; `qs:pins-draw` measures are for bench:client.
 */
export function PinLayer({
  rows,
  visible,
  selectedIndex,
  hoveredIndex,
  deletedListingIds,
  onSelect,
  onHover,
  onChoose,
}: PinLayerProps) {
  const map = useMap();
  const layer = useRef<PinCanvasLayer | null>(null);
  /** Time spent preparing the pins for the next draw (for the qs:pins-draw measure). */
  const buildMs = useRef(0);
  /** Rows in the order of the pins last drawn, for hit-testing. */
  const drawn = useRef<ResultRow[]>([]);
  const latest = useRef({ onSelect, onHover, onChoose, deletedListingIds });
  useEffect(() => {
    latest.current = { onSelect, onHover, onChoose, deletedListingIds };
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
    pins.addTo(map);
    const tooltip = L.tooltip({ direction: 'top', offset: [0, -6] });
    let hovered: ResultRow | null = null;
    const rowAt = (e: L.LeafletMouseEvent) => drawn.current[pins.hit(e.containerPoint)] ?? null;
    const handleMove = (e: L.LeafletMouseEvent) => {
      const row = rowAt(e);
      if (row === hovered) return;
      hovered = row;
      map.getContainer().style.cursor = row ? 'pointer' : '';
      latest.current.onHover(row ? row.index : null);
      if (!row) {
        map.closeTooltip(tooltip);
        return;
      }
      tooltip
        .setLatLng([row.result.lat, row.result.lng])
        .setContent(
          textLines(pinTooltip(row, latest.current.deletedListingIds.has(row.selectionKey))),
        );
      map.openTooltip(tooltip);
    };
    const handleClick = (e: L.LeafletMouseEvent) => {
      const rows = pins
        .hitAll(e.containerPoint)
        .map((i) => drawn.current[i])
        .filter((r): r is ResultRow => r !== undefined);
      if (rows.length === 1) latest.current.onSelect((rows[0] as ResultRow).index);
      // Pins on one spot are all offered, so that none is unreachable; a click elsewhere closes.
      latest.current.onChoose(rows.length > 1 ? rows.map((r) => r.index) : []);
    };
    map.on('mousemove', handleMove);
    map.on('click', handleClick);
    layer.current = pins;
    return () => {
      map.off('mousemove', handleMove);
      map.off('click', handleClick);
      // The map may already be gone (unmounting): it removed its layers itself.
      if (map.hasLayer(pins)) pins.remove();
      if (map.hasLayer(tooltip)) tooltip.remove();
    };
  }, [map]);

  useEffect(() => {
    const pins = layer.current;
    if (!pins) return;
    const started = performance.now();
    const shown = rows.filter((r) => visible.has(r.index));
    drawn.current = shown;
    pins.setPins(
      shown.map((row) =>
        pinStyle(row, {
          selected: row.index === selectedIndex,
          hovered: row.index === hoveredIndex,
          deleted: deletedListingIds.has(row.selectionKey),
        }),
      ),
    );
    buildMs.current += performance.now() - started;
    const container = map.getContainer();
    container.dataset.pinCount = String(rows.length);
    container.dataset.visiblePinCount = String(shown.length);
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

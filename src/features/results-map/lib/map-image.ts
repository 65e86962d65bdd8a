import type { LegendEntry } from './legend';

export interface MapImageLegend {
  title: string;
  entries: readonly LegendEntry[];
}

export interface MapImageOptions {
  /** The map's Leaflet container: its canvases (basemap, pins) and tiles are drawn as placed. */
  container: HTMLElement;
  background: string;
  legend: MapImageLegend;
  /** Top-left caption, e.g. the session ID. */
  title: string;
  attribution: string;
}

/**
 * The map as the user sees it, as a PNG: the offline basemap and the pins (canvases), raster
 * tiles when their server allows it (a tile without CORS taints the canvas, so the image is made
 * again without tiles), the legend, a caption and the attribution.
 */
export async function mapImage(options: MapImageOptions): Promise<Blob> {
  try {
    return await compose(options, true);
  } catch {
    return compose(options, false);
  }
}

async function compose(
  { container, background, legend, title, attribution }: MapImageOptions,
  withTiles: boolean,
): Promise<Blob> {
  const box = container.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(box.width * ratio);
  canvas.height = Math.round(box.height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(ratio, ratio);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, box.width, box.height);

  // In stacking order: basemap pane, tiles, pins pane.
  const sources = [
    ...container.querySelectorAll<HTMLCanvasElement>('.leaflet-basemap-pane canvas'),
    ...(withTiles ? container.querySelectorAll<HTMLImageElement>('.leaflet-tile-pane img') : []),
    ...container.querySelectorAll<HTMLCanvasElement>('.leaflet-pins-pane canvas'),
  ];
  for (const source of sources) {
    const r = source.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (source instanceof HTMLImageElement && !source.complete) continue;
    ctx.drawImage(source, r.left - box.left, r.top - box.top, r.width, r.height);
  }

  drawLegend(ctx, legend, box.height);
  const font = '12px system-ui, sans-serif';
  label(ctx, title, 8, 8, 'left', 'bold ' + font);
  label(ctx, attribution, box.width - 8, box.height - 8 - 16, 'right', font);

  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
  );
}

/** White-backed text, so it stays legible over any part of the map. */
function label(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  align: 'left' | 'right',
  font: string,
) {
  if (!text) return;
  ctx.font = font;
  const width = ctx.measureText(text).width + 8;
  const left = align === 'left' ? x : x - width;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(left, y, width, 18);
  ctx.fillStyle = '#0f172a';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText(text, left + 4, y + 9);
}

/** The legend as on screen: the classes with their colors and counts, and the failed pins. */
function drawLegend(ctx: CanvasRenderingContext2D, legend: MapImageLegend, height: number) {
  const rows = legend.entries.map((e) => ({
    ...e,
    label: e.range ? `${e.label} ${e.range}` : e.label,
  }));
  const line = 16;
  const width = 240;
  const boxHeight = 24 + rows.length * line;
  const left = 8;
  const top = height - 24 - boxHeight;
  ctx.fillStyle = 'rgba(255,255,255,0.95)';
  ctx.strokeStyle = '#cbd5e1';
  ctx.fillRect(left, top, width, boxHeight);
  ctx.strokeRect(left + 0.5, top + 0.5, width - 1, boxHeight - 1);
  ctx.fillStyle = '#1e293b';
  ctx.font = 'bold 12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText(legend.title, left + 8, top + 12);
  ctx.font = '12px system-ui, sans-serif';
  rows.forEach((row, i) => {
    const y = top + 24 + i * line + line / 2;
    ctx.beginPath();
    ctx.arc(left + 14, y, 5, 0, Math.PI * 2);
    if (row.fill) {
      ctx.fillStyle = row.fill;
      ctx.fill();
    }
    ctx.lineWidth = row.fill ? 1 : 2.5;
    ctx.strokeStyle = row.stroke;
    ctx.stroke();
    ctx.fillStyle = '#1e293b';
    ctx.textAlign = 'left';
    ctx.fillText(row.label, left + 26, y);
    ctx.textAlign = 'right';
    ctx.fillText(String(row.count), left + width - 8, y);
  });
}

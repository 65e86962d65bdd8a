import { FAILED_COLOR } from '@/lib/score-bands';
import type { Theme } from '@/lib/theme';

/** What the map's canvases paint, per theme: band colors stay; the ground and outlines turn. */
export interface MapColors {
  sea: string;
  land: string;
  border: string;
  /** Outline of a scored pin, and of a selected one. */
  pinOutline: string;
  selectedOutline: string;
  /** Failed pins are rings in this color: at least 3:1 against the land and the sea. */
  failed: string;
  deletedFill: string;
  deletedStroke: string;
  /** Ring around a cluster, setting it off from pins below. */
  clusterOutline: string;
}

export const MAP_COLORS: Record<Theme, MapColors> = {
  light: {
    sea: '#c9dff0',
    land: '#f4f1ea',
    border: '#94a3b8',
    pinOutline: '#1e293b',
    selectedOutline: '#0f172a',
    failed: FAILED_COLOR,
    deletedFill: '#f8fafc',
    deletedStroke: '#475569',
    clusterOutline: '#ffffff',
  },
  dark: {
    sea: '#0b1726',
    land: '#283446',
    border: '#64748b',
    pinOutline: '#0f172a',
    selectedOutline: '#f8fafc',
    failed: '#a3b1c6',
    deletedFill: '#1e293b',
    deletedStroke: '#cbd5e1',
    clusterOutline: '#0f172a',
  },
};

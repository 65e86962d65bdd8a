/** The few test hooks for canvas-like widgets (role locators cannot see inside a canvas). */
export const TEST_IDS = {
  /** The map wrapper; its `.leaflet-container` carries data-pin-count and data-visible-pin-count. */
  resultsMap: 'results-map',
} as const;

/**
 * The land outline as a query: loaded once, shared by every page that checks points. The
 * outline's code (and TopoJSON, Flatbush) loads with its first use, never with a page.
 */
export const landQueryOptions = {
  queryKey: ['land-outline'],
  queryFn: async () => (await import('./land')).loadLand(),
  staleTime: Infinity,
  gcTime: Infinity,
  retry: false,
} as const;

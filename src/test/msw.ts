import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The offline basemap (a static asset): an empty world is enough for component tests. */
const basemap = http.get(/countries-(50|110)m\.json/, () =>
  HttpResponse.json({
    type: 'Topology',
    objects: { countries: { type: 'GeometryCollection', geometries: [] } },
    arcs: [],
  }),
);

/** One MSW server for component and client tests: the network boundary, nothing else mocked. */
export const server = setupServer(basemap);

export function setupMswServer() {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

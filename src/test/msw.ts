import fs from 'node:fs';
import path from 'node:path';
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

/** The land outline the new-session form checks points against: the real one. */
const land = http.get(/land-50m\.json/, () =>
  HttpResponse.json(
    JSON.parse(
      fs.readFileSync(
        path.resolve(import.meta.dirname, '../../node_modules/world-atlas/land-50m.json'),
        'utf8',
      ),
    ),
  ),
);

/** One MSW server for component and client tests: the network boundary, nothing else mocked. */
export const server = setupServer(basemap, land);

export function setupMswServer() {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

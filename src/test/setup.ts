import 'fake-indexeddb/auto';
import L from 'leaflet';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { closeBrowserDb } from '@/lib/browser-db';

// A route's first render imports its lazy modules, which takes more than Testing Library's
// default second when the machine's two cores are busy: `findBy…` waits up to five.
configure({ asyncUtilTimeout: 5_000 });

afterEach(async () => {
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
  // Each test starts with an empty IndexedDB (jsdom has none: fake-indexeddb stands in).
  closeBrowserDb();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('quiet-score');
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
});

// jsdom has no canvas: give Leaflet's canvas renderer a 2D context whose drawing calls do
// nothing, so map panels render in component tests (what they draw is checked in Chromium).
const noop = () => undefined;
const context2d = new Proxy({} as Record<string | symbol, unknown>, {
  get: (target, prop) =>
    prop in target ? target[prop] : prop === 'canvas' ? document.createElement('canvas') : noop,
  set: (target, prop, value) => {
    target[prop] = value;
    return true;
  },
});
Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
  value: () => context2d,
  configurable: true,
});

// jsdom runs animation frames on plain timers, which can fire after a test removed its map and
// Leaflet deleted the canvas context: skip such a redraw instead of throwing after the test.
const canvasProto = L.Canvas.prototype as unknown as { _redraw: () => void; _ctx?: unknown };
const redraw = canvasProto._redraw;
canvasProto._redraw = function (this: { _ctx?: unknown }) {
  if (this._ctx) redraw.call(this);
};

/** The JavaScript each route loads, gzip, from the production build. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from '@playwright/test';
import { ROOT, type Harness } from './harness';

async function routeJs(h: Harness, url: string, ready: (p: Page) => Promise<unknown>) {
  const page = await h.newPage();
  const scripts = new Set<string>();
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
  });
  await page.goto(url);
  await ready(page);
  await page.waitForTimeout(500);
  await page.close();
  let gzip = 0;
  for (const s of scripts)
    gzip += zlib.gzipSync(fs.readFileSync(path.join(ROOT, 'dist', s)), { level: 9 }).length;
  return { files: scripts.size, kb: gzip / 1024 };
}
export async function measureRouteSizes(h: Harness) {
  const session = (await (
    await fetch(`${h.base}/v2/session/new`, {
      method: 'POST',
      headers: { Authorization: h.key, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        locations: Array.from({ length: 500 }, (_, i) => ({
          lat: 44 + (i % 25) * 0.1,
          lng: 1 + Math.floor(i / 25) * 0.1,
        })),
      }),
    })
  ).json()) as { session_id: string };
  return {
    '/': await routeJs(h, `${h.base}/`, (p) => p.getByRole('heading', { level: 1 }).waitFor()),
    '/sessions/:id': await routeJs(h, `${h.base}/sessions/${session.session_id}`, (p) =>
      p.locator('.leaflet-container[data-pin-count]').waitFor(),
    ),
    '/sessions/new': await routeJs(h, `${h.base}/sessions/new`, (p) =>
      p.getByRole('heading', { level: 1 }).waitFor(),
    ),
    '/account': await routeJs(h, `${h.base}/account`, (p) =>
      p.getByRole('heading', { level: 1 }).waitFor(),
    ),
  };
}

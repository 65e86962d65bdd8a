import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG_META, type AppConfig } from '../src/contract/schemas';
import { sendError } from './errors';
import { routePreloads } from './route-preload';

/** HTML-escapes an attribute value (the JSON of the config). */
const attribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A build asset with a content hash in its name, or its precompressed twin (`.br`, `.gz`). */
const HASHED_ASSET = /\/assets\/.+-[A-Za-z0-9_-]{6,}\.[a-z0-9]+(\.br|\.gz)?$/;

/**
 * Serves the built SPA: hashed assets cached for a year, index.html always revalidated,
 * and a history fallback so that every route can be reloaded and shared. Unknown `/api` and
 * `/v2` paths answer a JSON 404 in the contract's shape instead.
 *
 * index.html carries `config` (what GET /api/config answers: public, never a key of a user's)
 * in a meta tag, so the app knows its mode and demo key without a round trip first, and the
 * preload links of the page's route (`routePreloads`).
 */
export async function registerSpa(app: FastifyInstance, staticDir: string, config: AppConfig) {
  const indexPath = path.join(staticDir, 'index.html');
  const hasBuild = fs.existsSync(indexPath);
  const indexHtml = hasBuild
    ? fs
        .readFileSync(indexPath, 'utf8')
        .replace(
          '</head>',
          `<meta name="${APP_CONFIG_META}" content="${attribute(JSON.stringify(config))}" />\n  </head>`,
        )
    : '';
  const preloadsFor = routePreloads(staticDir);
  // One page per route, made once: the links differ by route only.
  const pages = new Map<string, string>();
  const pageFor = (pathname: string) => {
    const links = preloadsFor(pathname);
    let page = pages.get(links);
    if (page === undefined) {
      page = indexHtml.replace('</head>', `${links}\n  </head>`);
      pages.set(links, page);
    }
    return page;
  };
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each asset (at the highest levels): served as they
      // are, so nothing is compressed per request.
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, filePath) {
        res.setHeader(
          'Cache-Control',
          HASHED_ASSET.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url;
    if (url === '/api' || url.startsWith('/api/') || url === '/v2' || url.startsWith('/v2/')) {
      return sendError(
        reply,
        404,
        'not_found',
        `No such endpoint: ${request.method} ${url.split('?')[0]}`,
      );
    }
    const wantsHtml =
      (request.headers.accept ?? '').includes('text/html') ||
      !path.extname(url.split('?')[0] ?? '');
    if ((request.method === 'GET' || request.method === 'HEAD') && wantsHtml && hasBuild) {
      return reply
        .header('Cache-Control', 'no-cache')
        .type('text/html')
        .send(pageFor(url.split('?')[0] ?? '/'));
    }
    if (!hasBuild && wantsHtml) {
      return reply
        .code(503)
        .type('text/plain')
        .send(
          'The dashboard is not built yet: run `npm start` (it builds first) or `npm run build`.',
        );
    }
    return sendError(reply, 404, 'not_found', 'Not found.');
  });
}

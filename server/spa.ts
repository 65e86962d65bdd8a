import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors';

const HASHED_ASSET = /\/assets\/.+-[A-Za-z0-9_-]{6,}\.[a-z0-9]+$/;

/**
 * Serves the built SPA: hashed assets cached for a year, index.html always revalidated,
 * and a history fallback so that every route can be reloaded and shared. Unknown `/api` and
 * `/v2` paths answer a JSON 404 in the contract's shape instead.
 */
export async function registerSpa(app: FastifyInstance, staticDir: string) {
  const indexPath = path.join(staticDir, 'index.html');
  const hasBuild = fs.existsSync(indexPath);
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      index: false,
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
      return reply.header('Cache-Control', 'no-cache').type('text/html').sendFile('index.html');
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

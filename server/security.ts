import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';

/**
 * The tile host pattern for the CSP: `https://{s}.tile.example.org/{z}/{x}/{y}.png` allows
 * `https://*.tile.example.org`. Nothing else external is allowed.
 */
export function tileSource(tileUrl: string | null): string | null {
  if (!tileUrl) return null;
  const match = /^(https?):\/\/([^/]+)/.exec(tileUrl);
  if (!match) return null;
  const [, scheme, host = ''] = match;
  return `${scheme}://${host.replace(/\{[a-z]+\}/gi, '*')}`;
}

/**
 * JSON API responses get a fixed, strict header set. @fastify/helmet builds its headers anew
 * on every request (a third of the cost of a 304 poll); a JSON body needs no page policy
 * beyond "render nothing, embed nowhere".
 */
const API_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const isApiPath = (url: string) => url.startsWith('/v2/') || url.startsWith('/api/');

export async function registerSecurityHeaders(app: FastifyInstance, config: ServerConfig) {
  const tiles = tileSource(config.tileUrl);
  app.addHook('onRoute', (route) => {
    if (isApiPath(route.url)) route.helmet = false;
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (isApiPath(request.url)) reply.headers(API_HEADERS);
    done();
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Leaflet and Recharts position elements with inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Tiles are cross-origin images without CORP headers.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

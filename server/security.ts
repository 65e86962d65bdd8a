import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerConfig } from './config';
import { isApiPath, normalisePath } from './http-path';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's path as the router sees it (`normalisePath`), or null for a target that is not a path. */
    pathname: string | null;
  }
}

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

/** Powerful features the dashboard never uses, off for every page and anything it embeds. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/**
 * JSON API responses get a fixed, strict header set. @fastify/helmet builds its headers anew
 * on every request (a third of the cost of a 304 poll); a JSON body needs no page policy
 * beyond "render nothing, embed nowhere". Whatever an upstream sends, these win: the proxy
 * never copies a page policy of its own.
 */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': PERMISSIONS_POLICY,
};

const HSTS = 'max-age=31536000; includeSubDomains';

/** Page headers come from helmet; what every response needs beside them. */
const PAGE_HEADERS: Readonly<Record<string, string>> = { 'permissions-policy': PERMISSIONS_POLICY };

/**
 * Our headers for a response: the strict API set, or what pages need beside helmet's; HSTS when
 * the request came over HTTPS (it means nothing over plain HTTP).
 */
export function applySecurityHeaders(reply: FastifyReply, api = true) {
  reply.headers(api ? API_HEADERS : PAGE_HEADERS);
  if (reply.request.protocol === 'https') reply.header('strict-transport-security', HSTS);
}

export async function registerSecurityHeaders(app: FastifyInstance, config: ServerConfig) {
  const tiles = tileSource(config.tileUrl);
  app.decorateRequest('pathname', null);
  app.addHook('onRoute', (route) => {
    if (isApiPath(route.url)) route.helmet = false;
  });
  app.addHook('onRequest', (request, reply, done) => {
    request.pathname = normalisePath(request.raw.url ?? '');
    applySecurityHeaders(reply, isApiPath(request.pathname));
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
    // Agrees with frame-ancestors 'none' for browsers that only know the older header.
    xFrameOptions: { action: 'deny' },
    // Set above, over HTTPS only.
    strictTransportSecurity: false,
  });
}

import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The server's Prometheus metrics, one registry per app (tests build several apps in one
 * process). Labels are routes and status codes only: never a key, a session ID or an address.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'qs_' });
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  let cacheStats = () => ({ entries: 0, bytes: 0 });
  return {
    /** Where the cache gauges read from, at scrape time. */
    setCacheSource(source: () => { entries: number; bytes: number }) {
      cacheStats = source;
    },
    registry,
    upstreamRequests: new Counter({
      name: 'qs_upstream_requests_total',
      help: 'Requests the proxy sent to the Quiet Score API, by route and status (each one spends quota).',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'qs_upstream_request_duration_seconds',
      help: 'Time to the upstream answer’s headers, by route.',
      labelNames: ['route'] as const,
      buckets: seconds,
      registers: [registry],
    }),
    callsSaved: new Counter({
      name: 'qs_upstream_calls_saved_total',
      help: 'Requests answered without an upstream call: from the shared cache, or by joining one in flight.',
      labelNames: ['route', 'via'] as const,
      registers: [registry],
    }),
    statusDuration: new Histogram({
      name: 'qs_status_request_duration_seconds',
      help: 'Browser-facing latency of GET /v2/session/status, by how it was answered.',
      labelNames: ['via'] as const,
      buckets: seconds,
      registers: [registry],
    }),
    cacheEntries: new Gauge({
      name: 'qs_proxy_cache_entries',
      help: 'Answers held in the shared cache.',
      registers: [registry],
      collect() {
        this.set(cacheStats().entries);
      },
    }),
    cacheBytes: new Gauge({
      name: 'qs_proxy_cache_bytes',
      help: 'Bytes held in the shared cache (bounded by PROXY_CACHE_MB).',
      registers: [registry],
      collect() {
        this.set(cacheStats().bytes);
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** `GET /metrics` in Prometheus text format, for the operator's scraper. */
export function registerMetricsRoute(app: FastifyInstance, metrics: Metrics) {
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store');
    return metrics.registry.metrics();
  });
}

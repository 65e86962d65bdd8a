import net from 'node:net';

export interface Readiness {
  ready: boolean;
  upstream: { host: string; reachable: boolean; latencyMs: number | null } | null;
}

/** How long one probe's result stands: a scraper polling every second opens one connection per this. */
const PROBE_REUSE_MS = 5_000;

/**
 * Whether the upstream accepts connections: a TCP connect to its host and port, which spends
 * no API quota (an API call would). Probes are reused for a few seconds and never overlap.
 */
export function createUpstreamProbe(upstream: URL, timeoutMs: number) {
  const port = Number(upstream.port || (upstream.protocol === 'https:' ? 443 : 80));
  let last: { at: number; result: Readiness } | null = null;
  let pending: Promise<Readiness> | null = null;

  const probe = () =>
    new Promise<Readiness>((resolve) => {
      const started = performance.now();
      const socket = net.connect({ host: upstream.hostname, port });
      const done = (reachable: boolean) => {
        socket.destroy();
        resolve({
          ready: reachable,
          upstream: {
            host: upstream.host,
            reachable,
            latencyMs: reachable ? Math.round(performance.now() - started) : null,
          },
        });
      };
      socket.setTimeout(timeoutMs, () => done(false));
      socket.once('connect', () => done(true));
      socket.once('error', () => done(false));
    });

  return async function check(): Promise<Readiness> {
    if (last && Date.now() - last.at < PROBE_REUSE_MS) return last.result;
    pending ??= probe().then((result) => {
      last = { at: Date.now(), result };
      pending = null;
      return result;
    });
    return pending;
  };
}

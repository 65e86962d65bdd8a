/**
 * `npm run bench:proxy`: team mode. A fake Quiet Score API runs sessions that advance every
 * second; the proxy (with a server key, default UPSTREAM_MIN_INTERVAL_MS) sits in front, and
 * simulated dashboards poll it every 5 s as the real one does (`Cache-Control: max-age=5`,
 * `If-None-Match`), all at once for BENCH_DURATION seconds (default 60):
 *   - one viewer alone on a session: the calls one dashboard causes;
 *   - 50 viewers on another session, at random phases: target ≤ 1.2× the lone viewer's calls;
 *   - 100 viewers on 100 sessions: no more calls than their polls, one session never
 *     answered from another's.
 * Printed: upstream calls, p99 latency at the viewers, the proxy's RSS before and after.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { startServer } from './start-server';

const DURATION_MS = Number(process.env.BENCH_DURATION ?? 60) * 1000;
const POLL_MS = 5_000;
const PROXY_PORT = 4395;

// The fake API: a session's `processed` grows by one a second; answers are gzip, as a real
// API honouring Accept-Encoding sends them, with 500 results' worth of body.
const started = Date.now();
const calls = new Map<string, number>();
const upstream = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://fake');
  const sessionId = url.searchParams.get('session_id') ?? '';
  calls.set(sessionId, (calls.get(sessionId) ?? 0) + 1);
  const processed = Math.min(500, Math.floor((Date.now() - started) / 1000));
  const body = JSON.stringify({
    session_id: sessionId,
    status: 'PROCESSING',
    progress: { processed, total: 500 },
    results: Array.from({ length: 500 }, (_, i) => ({
      listing_id: `lst_${sessionId}_${i}`,
      lat: 48 + i / 1000,
      lng: 2 + i / 1000,
      quiet_score: i < processed ? 40 + (i % 50) : null,
    })),
  });
  res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
  res.end(zlib.gzipSync(body));
});
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
const upstreamPort = (upstream.address() as AddressInfo).port;

const proxy = await startServer({
  PORT: String(PROXY_PORT),
  QUIET_API_UPSTREAM: `http://127.0.0.1:${upstreamPort}`,
  QUIET_API_KEY: 'bench-team-key',
});
const rssMb = () =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${proxy.pid}/status`, 'utf8'))?.[1] ?? 0) /
  1024;
const rssBefore = rssMb();

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const latencies: number[] = [];
let wrongSession = 0;
let errors = 0;

function poll(sessionId: string, etag: string | undefined): Promise<string | undefined> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    http
      .get(
        {
          port: PROXY_PORT,
          host: '127.0.0.1',
          agent,
          path: `/v2/session/status?session_id=${sessionId}`,
          headers: {
            'accept-encoding': 'gzip, br',
            'cache-control': `max-age=${POLL_MS / 1000}`,
            ...(etag ? { 'if-none-match': etag } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            if (res.statusCode === 200) {
              const raw = Buffer.concat(chunks);
              const coding = res.headers['content-encoding'];
              const text = (
                coding === 'br'
                  ? zlib.brotliDecompressSync(raw)
                  : coding === 'gzip'
                    ? zlib.gunzipSync(raw)
                    : raw
              ).toString();
              if ((JSON.parse(text) as { session_id: string }).session_id !== sessionId)
                wrongSession++;
              resolve(res.headers.etag);
            } else {
              if (res.statusCode !== 304) errors++;
              resolve(etag);
            }
          });
        },
      )
      .on('error', () => {
        errors++;
        resolve(etag);
      });
  });
}

/** A dashboard: a first load, then a poll every 5 s, starting at a random phase. */
async function viewer(sessionId: string, until: number): Promise<number> {
  let polls = 0;
  await new Promise((r) => setTimeout(r, Math.random() * POLL_MS));
  let etag: string | undefined;
  while (Date.now() < until) {
    etag = await poll(sessionId, etag);
    polls++;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return polls;
}

const until = Date.now() + DURATION_MS;
const [soloPolls, teamPolls, manyPolls] = await Promise.all([
  viewer('sess_solo', until),
  Promise.all(Array.from({ length: 50 }, () => viewer('sess_team', until))),
  Promise.all(Array.from({ length: 100 }, (_, i) => viewer(`sess_many_${i}`, until))),
]);
const rssAfter = rssMb();
proxy.kill('SIGTERM');
upstream.close();
agent.destroy();

const solo = calls.get('sess_solo') ?? 0;
const team = calls.get('sess_team') ?? 0;
const many = Array.from({ length: 100 }, (_, i) => calls.get(`sess_many_${i}`) ?? 0);
const manyCalls = many.reduce((a, b) => a + b, 0);
const manyViewerPolls = manyPolls.reduce((a, b) => a + b, 0);
latencies.sort((a, b) => a - b);
const p = (q: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
const fmt = (n: number, d = 0) => n.toFixed(d);

console.log(
  `Team-mode proxy benchmark (${DURATION_MS / 1000} s, polls every ${POLL_MS / 1000} s, loopback)`,
);
console.log(`  one viewer alone:        ${soloPolls} polls → ${solo} upstream calls`);
console.log(
  `  50 viewers, one session: ${teamPolls.reduce((a, b) => a + b, 0)} polls → ${team} upstream calls = ${fmt(team / Math.max(1, solo), 2)}× one viewer (target ≤ 1.2×)`,
);
console.log(
  `  100 viewers, 100 sessions: ${manyViewerPolls} polls → ${manyCalls} upstream calls (target ≤ polls); answers for another session: ${wrongSession}`,
);
console.log(
  `  latency at the viewers: p50 ${fmt(p(0.5), 1)} ms, p99 ${fmt(p(0.99), 1)} ms over ${latencies.length} polls; errors ${errors}`,
);
console.log(`  proxy RSS: ${fmt(rssBefore)} MB before, ${fmt(rssAfter)} MB after`);

const misses = [
  team > 1.2 * solo && '50 viewers cost more than 1.2× one viewer',
  manyCalls > manyViewerPolls && '100 sessions cost more calls than polls',
  wrongSession > 0 && 'an answer for another session',
  errors > 0 && 'failed polls',
].filter(Boolean);
if (misses.length) {
  console.error(`Targets missed: ${misses.join('; ')}`);
  process.exit(1);
}

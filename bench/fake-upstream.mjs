/**
 * The upstream for the proxy section of `npm run bench:server`: bare `node:http` that answers
 * `/v2/session/status` with a real 500-result status body, gzip-compressed once (as a real
 * API honouring `Accept-Encoding: gzip` would send it), and `/v2/huge?mb=N` with N MB streamed
 * chunked as it is generated.
 */
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';

const [bodyFile, port] = process.argv.slice(2);
const gzipped = zlib.gzipSync(fs.readFileSync(bodyFile));
const piece = Buffer.alloc(64 * 1024, 'x');

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://upstream');
    if (url.pathname === '/v2/huge') {
      let left = Number(url.searchParams.get('mb')) * 1024 * 1024;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const pump = () => {
        while (left > 0) {
          const part = piece.subarray(0, Math.min(piece.length, left));
          left -= part.length;
          if (!res.write(part)) return res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-encoding': 'gzip',
      'content-length': gzipped.length,
      etag: '"upstream-v1"',
      vary: 'Accept-Encoding',
    });
    res.end(gzipped);
  })
  .listen(Number(port), '127.0.0.1', () => console.log('ready'));

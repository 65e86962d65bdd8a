/**
 * The machine's ceiling for `npm run bench:server`: Node's bare `http` module, no framework,
 * no auth, no database, serving the same status bytes (`/full`), a 304 (`/304`) and a small
 * JSON body (`/trivial`). Whatever the emulator does, it cannot beat these numbers here.
 */
import fs from 'node:fs';
import http from 'node:http';

const [bodyFile, port] = process.argv.slice(2);
const body = fs.readFileSync(bodyFile);
const trivial = Buffer.from(JSON.stringify({ ok: true, mode: 'emulator' }));

http
  .createServer((req, res) => {
    if (req.url === '/full') {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': body.length,
        etag: '"ceiling"',
      });
      res.end(body);
    } else if (req.url === '/304') {
      res.writeHead(304, { etag: '"ceiling"' });
      res.end();
    } else {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': trivial.length,
      });
      res.end(trivial);
    }
  })
  .listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));

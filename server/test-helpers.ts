import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

/** A temp folder that looks like a Vite build: index.html and one hashed asset. */
export function makeStaticDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qs-static-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><title>Quiet Score Dashboard</title></head><body><div id="root"></div></body></html>',
  );
  fs.writeFileSync(path.join(dir, 'assets', 'index-AbC123xy.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'assets', 'big-AbC123xy.js'), 'x'.repeat(20_000));
  // As the build writes them: the best compression of an asset, made once, beside it.
  const packed = 'var packed = 1;'.repeat(2_000);
  fs.writeFileSync(path.join(dir, 'assets', 'packed-AbC123xy.js'), packed);
  fs.writeFileSync(
    path.join(dir, 'assets', 'packed-AbC123xy.js.br'),
    zlib.brotliCompressSync(packed),
  );
  fs.writeFileSync(path.join(dir, 'assets', 'packed-AbC123xy.js.gz'), zlib.gzipSync(packed));
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
  return dir;
}

export function makeTempDir(prefix = 'qs-data-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

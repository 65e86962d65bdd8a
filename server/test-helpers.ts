import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temp folder that looks like a Vite build: index.html and one hashed asset. */
export function makeStaticDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qs-static-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><title>Quiet Score Dashboard</title><div id="root"></div>',
  );
  fs.writeFileSync(path.join(dir, 'assets', 'index-AbC123xy.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'assets', 'big-AbC123xy.js'), 'x'.repeat(20_000));
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
  return dir;
}

export function makeTempDir(prefix = 'qs-data-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// `npm start` builds the SPA only when dist/ is missing or older than its sources.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const index = path.join(root, 'dist', 'index.html');
const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function newest(p) {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
const sources = Math.max(...inputs.map(newest));
if (built < sources) {
  console.log(
    built ? 'Sources changed since the last build: building…' : 'No build yet: building…',
  );
  execSync('npx vite build', { cwd: root, stdio: 'inherit' });
}

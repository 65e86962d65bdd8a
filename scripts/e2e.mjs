// Runs the Playwright journeys against a fresh production build, with a Chromium found or installed.
import { execSync, spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

const chromium = await findChromium();
if (!chromium) {
  console.error(
    'No Chromium: set CHROMIUM_PATH, or install Debian’s chromium (`apt-get install chromium`).',
  );
  process.exit(1);
}
execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);

// Finds a Chromium for Playwright: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's
// own. On a fresh Debian machine, as root, it installs Debian's `chromium` (Playwright cannot
// download browsers here). Prints the path, or explains what to do and exits 1.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

/** Launch flags for Chromium here: no sandbox as root, no GPU, no background traffic to a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function executable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function playwrightOwn() {
  try {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    return p && executable(p) ? p : null;
  } catch {
    return null;
  }
}

export async function findChromium({ install = true } = {}) {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter(Boolean);
  for (const c of candidates) if (executable(c)) return c;
  const own = await playwrightOwn();
  if (own) return own;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && isRoot && executable('/usr/bin/apt-get')) {
    console.error('No Chromium found: installing Debian’s chromium with apt-get (about a minute)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execSync('apt-get update -qq', { stdio: 'inherit', env });
    execSync('apt-get install -y -qq chromium fonts-dejavu-core', { stdio: 'inherit', env });
    if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  return null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = await findChromium();
  if (!found) {
    console.error(
      'No Chromium for the end-to-end tests. Install one (Debian: `sudo apt-get install chromium`) ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
    process.exit(1);
  }
  console.log(found);
}

import fs from 'node:fs';
import path from 'node:path';

/** The IndexedDB wrapper, loaded by the app on first use: a run's page reads the store first. */
const IDB_MODULE = 'node_modules/idb/build/index.js';

/**
 * Each page's code, as the app's router (src/app/router.tsx) loads it: the module of the route
 * a path opens, keyed as the build's manifest names it, and the modules it loads lazily but
 * needs at once. Kept beside the router's paths by a test (route-preload.test.ts).
 */
export const ROUTE_MODULES: readonly (readonly [RegExp, string, ...string[]])[] = [
  [/^\/$/, 'src/app/routes/home.tsx'],
  [/^\/sessions\/new\/?$/, 'src/app/routes/new-session.tsx'],
  [/^\/sessions\/[^/]+\/?$/, 'src/app/routes/session-monitor.tsx'],
  [/^\/runs\/[^/]+\/?$/, 'src/app/routes/run.tsx', IDB_MODULE],
  [/^\/account\/?$/, 'src/app/routes/account.tsx'],
];
const NOT_FOUND_MODULE = 'src/app/routes/not-found.tsx';

interface ManifestChunk {
  file: string;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The files of `key`'s chunk and of every chunk it imports, at any depth. */
function filesOf(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const dep of chunk.imports ?? []) filesOf(manifest, dep, into);
  return into;
}

/**
 * What a page's HTML adds for the route a path opens: `<link rel="modulepreload">` for the
 * route's chunks (and those of the lazy modules it needs at once) that index.html does not
 * already name. The browser fetches them with the app's own code instead of after it has run
 * (one round trip less before the page shows), and the app's loader, finding them, adds none.
 * Empty without a manifest (a dev build).
 */
export function routePreloads(staticDir: string): (pathname: string) => string {
  const manifestPath = path.join(staticDir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestPath)) return () => '';
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
  const inIndex = filesOf(manifest, 'index.html');
  const linksFor = new Map<string, string>();
  const routes = [...ROUTE_MODULES, [/$^/, NOT_FOUND_MODULE] as const];
  for (const [, key, ...also] of routes) {
    const files = new Set<string>();
    for (const module of [key, ...also]) filesOf(manifest, module, files);
    linksFor.set(
      key,
      [...files]
        .filter((file) => !inIndex.has(file))
        .map((file) => `<link rel="modulepreload" crossorigin href="/${file}" />`)
        .join('\n'),
    );
  }
  return (pathname) => {
    const key = ROUTE_MODULES.find(([pattern]) => pattern.test(pathname))?.[1] ?? NOT_FOUND_MODULE;
    return linksFor.get(key) ?? '';
  };
}

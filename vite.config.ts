import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const DEV_API_PORT = Number(process.env.DEV_API_PORT ?? 8081);

/** A fingerprint of the API contract's source (`src/contract`, tests left out): see `CONTRACT_ID`. */
function contractId(): string {
  const dir = fileURLToPath(new URL('./src/contract', import.meta.url));
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort())
    if (/\.ts$/.test(file) && !/\.test\.ts$/.test(file))
      hash.update(file).update(fs.readFileSync(`${dir}/${file}`));
  return hash.digest('hex').slice(0, 16);
}

export default defineConfig({
  // Precompressed twins of every asset (brotli 11, gzip 9), which the server sends as they are.
  plugins: [
    react(),
    tailwindcss(),
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 }),
  ],
  define: { __CONTRACT_ID__: JSON.stringify(contractId()) },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    // `npm run dev`: the Fastify server (emulator or proxy) runs beside Vite; the SPA talks to its own origin.
    proxy: {
      '/v2': `http://127.0.0.1:${DEV_API_PORT}`,
      '/api': `http://127.0.0.1:${DEV_API_PORT}`,
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // Each route's chunks, named by the server in its pages (server/route-preload.ts).
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // A group takes the modules it names, not everything they import.
          includeDependenciesRecursively: false,
          groups: [
            // The libraries every route needs, in one request (HTTP/1.1 has six connections).
            // With them, zod's config: it must run before the first schema is made.
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|zod)[\\/]|[\\/]src[\\/]zod-config\.ts$/,
            },
            // What only the pages that explore results share (a session's, a run's): one request
            // there, and nothing of it on the other pages.
            {
              name: 'explore',
              test: /[\\/]src[\\/](lib[\\/](color-modes|results|analysis|units|location-errors)\.ts|components[\\/]ui[\\/](copy-button|filter-chip)\.tsx)$/,
              minShareCount: 2,
            },
            // The app's modules that several routes share: one request, not one per module. Not
            // the charts: they need Recharts, which only the pages that chart load.
            {
              name: 'shared',
              test: /[\\/]src[\\/](components(?![\\/]charts)|lib|contract)[\\/]/,
              minShareCount: 2,
            },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'client',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
          // The new-session form's tests parse input and check it against the land outline:
          // 3.4 s alone on these machines, over Vitest's 5 s when the machine is busy.
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The real server (`server/main.ts`) in a child process, quiet and unthrottled, resolved once
 * it listens. `env` adds to this process's environment (PORT, mode, data folder …).
 */
export function startServer(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ChildProcess> {
  const server = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      TILE_URL: 'none',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    server.once('exit', (code) =>
      reject(new Error(`the server exited (${code}) before listening`)),
    );
    server.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Quiet Score Dashboard on')) resolve(server);
    });
  });
}

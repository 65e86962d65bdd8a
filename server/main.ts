import { createApp } from './app';
import { loadConfig } from './config';
import { createEmulator, type Emulator } from './emulator/emulator';
import { DEMO_KEYS } from './emulator/plans';

async function main() {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(`Invalid configuration:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}`);
    process.exit(1);
  }
  const config = loaded.config;

  let emulator: Emulator | null = null;
  if (config.mode === 'emulator') {
    emulator = createEmulator({
      dataDir: config.dataDir,
      paceMs: config.emulatorPaceMs,
      onWorkerError: (error, sessionId) =>
        console.error(
          `Emulator worker failed session ${sessionId}:`,
          error instanceof Error ? error.message : error,
        ),
    });
  }
  const app = await createApp(config, {
    emulator: emulator ? (scope) => (emulator as Emulator).register(scope) : undefined,
    demoKey: emulator ? DEMO_KEYS.insight : null,
    demoSessionId: emulator?.demoSessionId ?? null,
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received, shutting down`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://${config.host}:${port}`;
  const mode = config.mode === 'proxy' ? `proxy to ${config.upstream?.host}` : 'emulator';
  console.log(`Quiet Score Dashboard on ${base}  (mode: ${mode})`);
  if (emulator) {
    console.log(`Emulator data in ${config.dataDir}; OpenAPI at ${base}/v2/openapi.json`);
    // Demo keys exist only in the local emulator; printing them is the point.
    console.log(`Demo API keys (local emulator only): ${Object.values(DEMO_KEYS).join(', ')}`);
    if (emulator.demoSessionId)
      console.log(`Demo session: ${base}/sessions/${emulator.demoSessionId}`);
  }
}

main().catch((error: unknown) => {
  console.error('The server could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { getApiKeyState, setFallbackApiKey } from '@/lib/api-key';
import { EMULATOR_CONFIG } from '@/test/app-handlers';
import { server, setupMswServer } from '@/test/msw';
import { loadAppConfig } from './inline-config';
import { configKeys } from './queries';
import { createQueryClient } from './query-client';

setupMswServer();

function withMeta(content: string) {
  const meta = document.createElement('meta');
  meta.name = 'quiet-score-config';
  meta.content = content;
  document.head.append(meta);
}

/** Counts /api/config requests, answering as the emulator does. */
function countConfigRequests() {
  let calls = 0;
  server.use(
    http.get('*/api/config', () => {
      calls++;
      return HttpResponse.json(EMULATOR_CONFIG);
    }),
  );
  return () => calls;
}

afterEach(() => {
  document.head.querySelectorAll('meta[name="quiet-score-config"]').forEach((m) => m.remove());
  setFallbackApiKey(null);
});

describe('loadAppConfig', () => {
  it('takes the config from the page, asks nothing, and the demo key is in use at once', () => {
    const calls = countConfigRequests();
    withMeta(JSON.stringify({ ...EMULATOR_CONFIG, demoKey: 'demo-from-page' }));
    const client = createQueryClient();
    loadAppConfig(client);
    expect(client.getQueryData(configKeys.all)).toMatchObject({ demoKey: 'demo-from-page' });
    expect(getApiKeyState().effectiveKey).toBe('demo-from-page');
    expect(calls()).toBe(0);
  });

  it.each([
    ['no meta tag', null],
    ['a meta tag that is not JSON', '{oops'],
    ['a meta tag that fails the schema', JSON.stringify({ mode: 'mainframe' })],
  ])('asks /api/config when the page has %s', async (_what, content) => {
    const calls = countConfigRequests();
    if (content !== null) withMeta(content);
    const client = createQueryClient();
    loadAppConfig(client);
    await expect
      .poll(() => client.getQueryData(configKeys.all))
      .toMatchObject({
        demoKey: 'demo-insight',
      });
    expect(calls()).toBe(1);
  });
});

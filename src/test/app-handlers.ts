import { http, HttpResponse } from 'msw';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';

export const EMULATOR_CONFIG = {
  mode: 'emulator',
  upstreamHost: null,
  tileUrl: null,
  tileAttribution: null,
  demoKey: 'demo-insight',
} as const;

/** What every page of the app asks for: the server config and (for the header chip) usage. */
export const appHandlers = () => [
  http.get('*/api/config', () => HttpResponse.json(EMULATOR_CONFIG)),
  http.get('*/v2/account/usage', () => HttpResponse.json(DOCUMENTED.accountUsage)),
];

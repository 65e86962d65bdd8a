import { describe, expect, it } from 'vitest';
import { acceptedAge, isSafeProxyPath, routeLabel } from './policy';

describe('acceptedAge', () => {
  it('accepts the age a viewer asks for, between the minimum interval and a minute', () => {
    expect(acceptedAge('max-age=5', 2000)).toBe(5000);
    expect(acceptedAge('max-age=1', 2000)).toBe(2000);
    expect(acceptedAge('max-age=3600', 2000)).toBe(60_000);
    expect(acceptedAge('private, MAX-AGE="10"', 2000)).toBe(10_000);
  });

  it('means the minimum interval for no-cache, nothing, or nonsense', () => {
    for (const header of [
      undefined,
      '',
      'no-cache',
      'max-age=5, no-cache',
      'max-age=-1',
      'max-stale',
    ])
      expect(acceptedAge(header, 2000)).toBe(2000);
  });
});

describe('routeLabel', () => {
  it('names routes, never IDs', () => {
    expect(routeLabel('/v2/session/status?session_id=sess_secret')).toBe('/v2/session/status');
    expect(routeLabel('/v2/listings/lst_123')).toBe('/v2/listings/:listing_id');
    expect(routeLabel('/v2/listings/stats')).toBe('/v2/listings/stats');
    expect(routeLabel('/v2/anything/else')).toBe('other');
  });
});

describe('isSafeProxyPath', () => {
  it('lets API paths through and refuses anything that could leave /v2/', () => {
    expect(isSafeProxyPath('/v2/session/status')).toBe(true);
    for (const bad of [
      null,
      '/api/config',
      '/v2/../x',
      '/v2/%2E%2E/x',
      '/v2/a%2Fb',
      '/v2//x',
      '/v2/a\\b',
      '/v2/a b',
      '/v2/%00',
    ])
      expect(isSafeProxyPath(bad), String(bad)).toBe(false);
  });
});

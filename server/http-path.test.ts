import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isApiPath, normalisePath, queryOf } from './http-path';

const METERED = [
  '/v2/session/status',
  '/v2/session/new',
  '/v2/listing/quietness',
  '/v2/listings/stats',
  '/v2/account/usage',
  '/api/config',
];

/** Any spelling of `path` a client may send: letters percent-encoded at random, hex in either case, absolute form, a query. */
const spellingOf = (path: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: path.length, maxLength: path.length }),
      fc.boolean(),
      fc.constantFrom('', 'http://127.0.0.1:8080', 'HTTP://Evil.Example', 'https://x'),
      fc.constantFrom('', '?session_id=sess_1', '?a=%2F#frag', '#x'),
    )
    .map(([encode, lower, origin, query]) => {
      const body = [...path]
        .map((ch, i) => {
          if (!encode[i] || ch === '/') return ch;
          const hex = ch.charCodeAt(0).toString(16).padStart(2, '0');
          return `%${lower ? hex : hex.toUpperCase()}`;
        })
        .join('');
      return `${origin}${body}${query}`;
    });

describe('normalisePath', () => {
  it('gives every spelling of an API route the route’s own path', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...METERED).chain((path) => spellingOf(path).map((s) => [path, s])),
        ([path, spelling]) => {
          expect(normalisePath(spelling as string)).toBe(path);
          expect(isApiPath(normalisePath(spelling as string))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps encoded reserved characters encoded, in upper case', () => {
    expect(normalisePath('/v2/a%2fb%3f')).toBe('/v2/a%2Fb%3F');
    expect(normalisePath('/v2/%2e%2e/x')).toBe('/v2/../x');
  });

  it('refuses malformed percent-encoding and targets that are not paths', () => {
    for (const bad of ['/v2/%zz', '/v2/%4', '*', 'example.com:443', ''])
      expect(normalisePath(bad)).toBeNull();
  });

  it('never throws, whatever the target', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const path = normalisePath(s);
        expect(path === null || path.startsWith('/')).toBe(true);
      }),
    );
  });

  it('leaves non-API paths outside the API', () => {
    for (const p of ['/', '/sessions/x', '/v2x', '/apix/config', '/assets/v2/x.js'])
      expect(isApiPath(normalisePath(p))).toBe(false);
  });
});

describe('queryOf', () => {
  it('cuts the query out of a target, without its fragment', () => {
    expect(queryOf('/v2/x?a=1&b=2#f')).toBe('?a=1&b=2');
    expect(queryOf('/v2/x')).toBe('');
  });
});

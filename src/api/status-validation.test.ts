import { describe, expect, it } from 'vitest';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import { MALFORMED_STATUS, firstIssuePath } from '@/contract/fixtures/malformed-status';
import { sessionStatusResponse, type SessionStatus } from '@/contract/schemas';
import { sessionStatusAfter } from './status-validation';

describe('sessionStatusAfter: malformed payloads name the bad field', () => {
  it.each(MALFORMED_STATUS)('%s, after a valid poll', (_label, payload, path) => {
    const previous = sessionStatusResponse.parse(DOCUMENTED.sessionStatusCurrent);
    expect(firstIssuePath(sessionStatusAfter(previous).safeParse(payload))).toBe(path);
  });
});

describe('sessionStatusAfter: the next poll validates only what changed', () => {
  const base = DOCUMENTED.sessionStatusCurrent;
  const [first, second] = base.results;
  const previous: SessionStatus = sessionStatusResponse.parse(base);
  const added = { ...first, lat: 10.5, lng: 20.25, listing_id: 'lst_new' };

  it('hands back the previous objects for unchanged results and validates new ones', () => {
    const next = sessionStatusAfter(previous).parse({ ...base, results: [first, second, added] });
    expect(next.results?.[0]).toBe(previous.results?.[0]);
    expect(next.results?.[1]).toBe(previous.results?.[1]);
    expect(next.results?.[2]).toEqual(added);
    expect(next.results?.[2]).not.toBe(added);
    expect(next).toEqual(sessionStatusResponse.parse({ ...base, results: [first, second, added] }));
  });

  it('validates a result that changed in place, and names it when it is wrong', () => {
    const rescored = sessionStatusAfter(previous).parse({
      ...base,
      results: [{ ...first, quiet_score: 12 }, second],
    });
    expect(rescored.results?.[0]).toMatchObject({ quiet_score: 12 });
    expect(rescored.results?.[1]).toBe(previous.results?.[1]);
    const broken = sessionStatusAfter(previous).safeParse({
      ...base,
      results: [first, { ...second, error: 404 }],
    });
    expect(firstIssuePath(broken)).toBe('results[1].error');
  });

  it('compares every key: nested values, a key more, a key less', () => {
    const nested = { ...first, extra: { note: 'before' } };
    const withNested = sessionStatusResponse.parse({ ...base, results: [nested] });
    const changed = { ...first, extra: { note: 'after' } };
    const next = sessionStatusAfter(withNested).parse({ ...base, results: [changed] });
    expect(next.results?.[0]).toEqual(changed);
    // A key more or a key less is a change.
    const extraKey = sessionStatusAfter(previous).parse({
      ...base,
      results: [{ ...first, note: 'x' }],
    });
    expect(extraKey.results?.[0]).toMatchObject({ note: 'x' });
    const { listing_id: _dropped, ...noListing } = first;
    expect(
      firstIssuePath(sessionStatusAfter(previous).safeParse({ ...base, results: [noListing] })),
    ).toBe('results[0].listing_id');
  });

  it('accepts an answer without results, and results that are not a list are named', () => {
    const { results: _none, ...older } = base;
    expect(sessionStatusAfter(previous).parse(older).results).toBeUndefined();
    expect(firstIssuePath(sessionStatusAfter(previous).safeParse({ ...base, results: {} }))).toBe(
      'results',
    );
  });
});

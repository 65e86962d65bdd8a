import { describe, expect, it } from 'vitest';
import { formatPath } from '@/lib/field-path';
import { DOCUMENTED } from './fixtures/documented-examples';
import {
  accountUsageResponse,
  batchQuietnessResponse,
  createSessionResponse,
  deleteBatchResponse,
  deleteListingResponse,
  isSessionFinished,
  listingStatsResponse,
  quietnessResponse,
  sessionPhase,
  sessionStatusAfter,
  sessionStatusResponse,
  sessionStatusWire,
  type SessionStatus,
} from './schemas';

function firstIssuePath(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[] }[] };
}) {
  expect(result.success).toBe(false);
  return formatPath(result.error?.issues[0]?.path ?? []);
}

describe('wire schemas: documented examples', () => {
  it('parse the single and batch quietness examples', () => {
    expect(quietnessResponse.parse(DOCUMENTED.quietnessSingle).response.quiet_score).toBe(70);
    const batch = batchQuietnessResponse.parse(DOCUMENTED.quietnessBatch);
    expect(batch.summary).toEqual({ total: 3, successful: 3, failed: 0 });
  });

  it('parse both create-session revisions into one shape', () => {
    expect(createSessionResponse.parse(DOCUMENTED.createSessionCurrent)).toEqual({
      sessionId: 'sess_abc123def456ghi789',
      total: 5,
      submittedAt: '2026-01-15T10:30:00.000000',
    });
    expect(createSessionResponse.parse(DOCUMENTED.createSessionOlder).total).toBe(5);
  });

  it('parse the current session status and the older one without results', () => {
    const current = sessionStatusResponse.parse(DOCUMENTED.sessionStatusCurrent);
    expect(current.results).toHaveLength(2);
    expect(sessionStatusWire.safeParse(DOCUMENTED.sessionStatusCurrent).success).toBe(true);
    const older = sessionStatusResponse.parse(DOCUMENTED.sessionStatusOlder);
    expect(older.results).toBeUndefined();
    expect(sessionPhase(older.status)).toBe('queued');
  });

  it('parse the delete, stats and usage examples', () => {
    expect(deleteListingResponse.parse(DOCUMENTED.deleteListing).deletions_used).toBe(15);
    expect(deleteBatchResponse.parse(DOCUMENTED.deleteBatch).deleted_count).toBe(3);
    expect(listingStatsResponse.parse(DOCUMENTED.listingStats).remaining).toBe(8750);
    expect(accountUsageResponse.parse(DOCUMENTED.accountUsage).response['Subscription Plan']).toBe(
      'insight',
    );
  });
});

describe('wire schemas: tolerance', () => {
  it('keeps unknown statuses verbatim and unknown noise-source categories', () => {
    const status = sessionStatusResponse.parse({
      ...DOCUMENTED.sessionStatusCurrent,
      status: 'PAUSED_FOR_MAINTENANCE',
    });
    expect(status.status).toBe('PAUSED_FOR_MAINTENANCE');
    expect(sessionPhase(status.status)).toBe('unknown');
    const listing = {
      ...DOCUMENTED.quietnessSingle.response,
      noise_sources: [
        {
          name: 'Railways',
          nearest_source: 'Main line',
          distance: 1.2,
          category: 'railways',
          estimated_effective_db: 60,
        },
      ],
    };
    expect(
      quietnessResponse.parse({ ...DOCUMENTED.quietnessSingle, response: listing }).response
        .noise_sources[0]?.category,
    ).toBe('railways');
  });

  it('accepts Z and offset timestamps and extra fields', () => {
    const parsed = sessionStatusResponse.parse({
      ...DOCUMENTED.sessionStatusCurrent,
      submitted_at: '2026-01-15T10:30:00Z',
      started_at: '2026-01-15T12:30:05+02:00',
      region: 'eu',
    });
    expect(parsed.submitted_at).toBe('2026-01-15T10:30:00Z');
  });

  it('knows when a session is finished', () => {
    expect(
      isSessionFinished({
        status: 'COMPLETED',
        progress: { total: 5, processed: 5, successful: 5, failed: 0 },
      }),
    ).toBe(true);
    expect(
      isSessionFinished({
        status: 'PROCESSING',
        progress: { total: 5, processed: 5, successful: 4, failed: 1 },
      }),
    ).toBe(true);
    expect(
      isSessionFinished({
        status: 'FAILED',
        progress: { total: 5, processed: 2, successful: 2, failed: 0 },
      }),
    ).toBe(true);
    expect(
      isSessionFinished({
        status: 'PROCESSING',
        progress: { total: 5, processed: 4, successful: 4, failed: 0 },
      }),
    ).toBe(false);
    expect(
      isSessionFinished({
        status: 'QUEUED',
        progress: { total: 0, processed: 0, successful: 0, failed: 0 },
      }),
    ).toBe(false);
  });
});

describe('wire schemas: malformed payloads name the bad field', () => {
  const base = DOCUMENTED.sessionStatusCurrent;
  it.each([
    [
      'a string score',
      { ...base, results: [{ ...base.results[0], quiet_score: '72' }] },
      'results[0].quiet_score',
    ],
    [
      'a score above 100',
      { ...base, results: [base.results[0], { ...base.results[0], quiet_score: 101 }] },
      'results[1].quiet_score',
    ],
    ['a missing progress', { ...base, progress: undefined }, 'progress'],
    [
      'a negative count',
      { ...base, progress: { ...base.progress, processed: -1 } },
      'progress.processed',
    ],
    ['a garbage timestamp', { ...base, submitted_at: 'soon' }, 'submitted_at'],
    [
      'an unknown result status',
      { ...base, results: [{ ...base.results[0], status: 'maybe' }] },
      'results[0].status',
    ],
    [
      'a failure without error',
      { ...base, results: [{ lat: 1, lng: 2, status: 'failed', analyzed_at: base.submitted_at }] },
      'results[0].error',
    ],
  ])('%s', (_label, payload, path) => {
    expect(firstIssuePath(sessionStatusResponse.safeParse(payload))).toBe(path);
    // The same answer after a valid poll names the same field.
    const previous = sessionStatusResponse.parse(base);
    expect(firstIssuePath(sessionStatusAfter(previous).safeParse(payload))).toBe(path);
  });

  it('names the field in a listing', () => {
    const bad = {
      ...DOCUMENTED.quietnessSingle,
      response: { ...DOCUMENTED.quietnessSingle.response, lat: 91 },
    };
    expect(firstIssuePath(quietnessResponse.safeParse(bad))).toBe('response.lat');
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

import { describe, expect, it } from 'vitest';
import { DOCUMENTED } from './fixtures/documented-examples';
import { MALFORMED_STATUS, firstIssuePath } from './fixtures/malformed-status';
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
  sessionStatusResponse,
  sessionStatusWire,
} from './schemas';

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
  it.each(MALFORMED_STATUS)('%s', (_label, payload, path) => {
    expect(firstIssuePath(sessionStatusResponse.safeParse(payload))).toBe(path);
  });

  it('names the field in a listing', () => {
    const bad = {
      ...DOCUMENTED.quietnessSingle,
      response: { ...DOCUMENTED.quietnessSingle.response, lat: 91 },
    };
    expect(firstIssuePath(quietnessResponse.safeParse(bad))).toBe('response.lat');
  });
});

import { describe, expect, it } from 'vitest';
import type { ApiErrorKind } from '@/api/client';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import { sessionStatusResponse } from '@/contract/schemas';
import { decidePoll, MAX_BACKOFF_MS, pollCost } from './polling';

const running = sessionStatusResponse.parse(DOCUMENTED.sessionStatusCurrent);
const base = { data: running, error: null, failureCount: 0, intervalMs: 5_000, paused: false };

const failure = (kind: ApiErrorKind) => ({
  kind,
  retryAfter: null as number | null,
  status: 0,
  code: null as string | null,
  at: 0,
});

describe('decidePoll', () => {
  it('polls at the chosen interval while the session runs', () => {
    expect(decidePoll(base)).toEqual({ poll: true, delayMs: 5_000, reason: 'interval' });
    expect(decidePoll({ ...base, intervalMs: 2_000 })).toMatchObject({ delayMs: 2_000 });
  });

  it('stops at COMPLETED, FAILED, or when every location is processed', () => {
    expect(decidePoll({ ...base, data: { ...running, status: 'COMPLETED' } })).toEqual({
      poll: false,
      reason: 'finished',
    });
    expect(decidePoll({ ...base, data: { ...running, status: 'FAILED' } })).toEqual({
      poll: false,
      reason: 'finished',
    });
    expect(
      decidePoll({
        ...base,
        data: { ...running, progress: { total: 50, processed: 50, successful: 49, failed: 1 } },
      }),
    ).toMatchObject({
      poll: false,
    });
  });

  it('keeps polling a queued (PENDING) or unknown status', () => {
    expect(decidePoll({ ...base, data: { ...running, status: 'PENDING' } }).poll).toBe(true);
    expect(decidePoll({ ...base, data: { ...running, status: 'REINDEXING' } }).poll).toBe(true);
  });

  it('stops when paused or off', () => {
    expect(decidePoll({ ...base, paused: true })).toEqual({ poll: false, reason: 'paused' });
    expect(decidePoll({ ...base, intervalMs: null })).toEqual({ poll: false, reason: 'off' });
  });

  it('backs off exponentially on errors, capped at 60 s', () => {
    const err = failure('network');
    expect(decidePoll({ ...base, error: err, failureCount: 1 })).toEqual({
      poll: true,
      delayMs: 5_000,
      reason: 'backoff',
    });
    expect(decidePoll({ ...base, error: err, failureCount: 2 })).toMatchObject({ delayMs: 10_000 });
    expect(decidePoll({ ...base, error: err, failureCount: 4 })).toMatchObject({ delayMs: 40_000 });
    expect(decidePoll({ ...base, error: err, failureCount: 9 })).toMatchObject({
      delayMs: MAX_BACKOFF_MS,
    });
  });

  it('honours Retry-After on a brief 429', () => {
    const limited = { ...failure('quota'), status: 429, retryAfter: 120 };
    expect(decidePoll({ ...base, error: limited, failureCount: 1 })).toEqual({
      poll: true,
      delayMs: 120_000,
      reason: 'retry-after',
    });
  });

  it("stops when the month's quota is used up, whatever Retry-After says", () => {
    const used = { ...failure('quota'), status: 429, code: 'quota_exceeded', retryAfter: 120 };
    expect(decidePoll({ ...base, error: used, failureCount: 1 })).toEqual({
      poll: false,
      reason: 'quota',
    });
    // Without the code, a Retry-After of hours says the same.
    const hours = { ...failure('quota'), status: 429, retryAfter: 3 * 86_400 };
    expect(decidePoll({ ...base, error: hours, failureCount: 1 })).toMatchObject({
      reason: 'quota',
    });
  });

  it('stops on errors that retrying cannot fix', () => {
    for (const kind of ['unauthorized', 'not_found'] as const) {
      expect(decidePoll({ ...base, error: failure(kind), failureCount: 1 })).toEqual({
        poll: false,
        reason: 'stop-error',
      });
    }
  });

  it('polls before any data arrives', () => {
    expect(decidePoll({ ...base, data: undefined }).poll).toBe(true);
  });
});

describe('pollCost', () => {
  it('costs one call per poll when each browser polls for itself', () => {
    expect(pollCost(5_000, null)).toEqual({ callsPerMinute: 12, shared: false });
    expect(pollCost(30_000, undefined)).toEqual({ callsPerMinute: 2, shared: false });
  });

  it('costs one call per poll for everyone together when shared, never more than the server asks', () => {
    expect(pollCost(5_000, { minIntervalMs: 2_000 })).toEqual({ callsPerMinute: 12, shared: true });
    expect(pollCost(2_000, { minIntervalMs: 10_000 })).toEqual({ callsPerMinute: 6, shared: true });
  });

  it('costs nothing while polling is off', () => {
    expect(pollCost(null, null)).toBeNull();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PROGRESS_WRITE_DELAY_MS,
  flushRecentSessions,
  getRecentSessions,
  rememberSession,
  updateRecentSession,
} from './recent-sessions';

const stored = () =>
  JSON.parse(window.localStorage.getItem('quiet-score.recent-sessions') ?? '[]') as {
    sessionId: string;
    status: string | null;
    processed: number | null;
  }[];

beforeEach(() => {
  vi.useFakeTimers();
  rememberSession({ sessionId: 'sess_a', status: 'PROCESSING', processed: 1, total: 10 });
});
afterEach(() => {
  flushRecentSessions();
  vi.useRealTimers();
});

describe('recent sessions', () => {
  it('stores a newly opened session at once, newest first', () => {
    rememberSession({ sessionId: 'sess_b', status: null, processed: null, total: null });
    expect(
      stored()
        .map((r) => r.sessionId)
        .slice(0, 2),
    ).toEqual(['sess_b', 'sess_a']);
  });

  it('shows progress at once but writes it to storage at most every few seconds', () => {
    updateRecentSession('sess_a', { status: 'PROCESSING', processed: 4, total: 10 });
    updateRecentSession('sess_a', { status: 'PROCESSING', processed: 6, total: 10 });
    expect(getRecentSessions()[0]?.processed).toBe(6);
    expect(stored()[0]?.processed).toBe(1);
    vi.advanceTimersByTime(PROGRESS_WRITE_DELAY_MS);
    expect(stored()[0]?.processed).toBe(6);
  });

  it('writes a status change at once, with the progress that came before it', () => {
    updateRecentSession('sess_a', { status: 'PROCESSING', processed: 8, total: 10 });
    updateRecentSession('sess_a', { status: 'COMPLETED', processed: 10, total: 10 });
    expect(stored()[0]).toMatchObject({ status: 'COMPLETED', processed: 10 });
  });

  it('writes pending progress when the page is hidden or left', () => {
    updateRecentSession('sess_a', { status: 'PROCESSING', processed: 7, total: 10 });
    window.dispatchEvent(new Event('pagehide'));
    expect(stored()[0]?.processed).toBe(7);
  });
});

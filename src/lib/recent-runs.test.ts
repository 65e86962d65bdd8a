import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setApiKey } from './api-key';
import { forgetRun, rememberRun, useRecentRuns } from './recent-runs';

describe('the runs listed on the start page', () => {
  it('are the current key’s, newest first, each once', () => {
    setApiKey('key-a', true);
    rememberRun({ id: 'run_1', name: 'Old', sessions: 2, createdAt: 1 });
    rememberRun({ id: 'run_2', name: 'New', sessions: 3, createdAt: 2 });
    rememberRun({ id: 'run_1', name: 'Old', sessions: 4, createdAt: 1 });
    setApiKey('key-b', true);
    rememberRun({ id: 'run_3', name: 'Other key', sessions: 1, createdAt: 3 });

    const a = renderHook(() => useRecentRuns('key-a')).result.current;
    expect(a.map((r) => [r.id, r.sessions])).toEqual([
      ['run_2', 3],
      ['run_1', 4],
    ]);
    expect(renderHook(() => useRecentRuns('key-b')).result.current.map((r) => r.id)).toEqual([
      'run_3',
    ]);
    forgetRun('run_2');
    expect(renderHook(() => useRecentRuns('key-a')).result.current.map((r) => r.id)).toEqual([
      'run_1',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../contract/schemas';
import {
  MAX_RUN_SESSIONS,
  newRun,
  parseSessionList,
  runProgress,
  runViewPath,
  withChunkSubmitted,
} from './runs';

const status = (processed: number, total: number, failed = 0): SessionStatus =>
  ({
    session_id: 'x',
    status: processed === total ? 'COMPLETED' : 'PROCESSING',
    progress: { total, processed, successful: processed - failed, failed },
    results: [],
  }) as unknown as SessionStatus;

describe('a pasted list of sessions', () => {
  it('takes lines, commas and spaces, in order, each once', () => {
    expect(parseSessionList('sess_a\nsess_b, sess_c  sess_a;sess_d').sessions).toEqual([
      'sess_a',
      'sess_b',
      'sess_c',
      'sess_d',
    ]);
  });

  it('takes links to sessions, and names what is not an ID', () => {
    const list = parseSessionList('https://x.test/sessions/sess_a, b@d! sess_b');
    expect(list.sessions).toEqual(['sess_a', 'sess_b']);
    expect(list.invalid).toEqual(['b@d!']);
  });

  it(`refuses more than ${MAX_RUN_SESSIONS} sessions with a clear message`, () => {
    const ids = Array.from({ length: MAX_RUN_SESSIONS + 1 }, (_, i) => `sess_${i}`);
    expect(parseSessionList(ids.join(' ')).tooMany).toMatch(
      /at most 200 sessions; this one lists 201/,
    );
    expect(parseSessionList(ids.slice(1).join(' ')).tooMany).toBeNull();
  });
});

describe('a run', () => {
  it('links to its sessions and name, and the link reads back', () => {
    const path = runViewPath(['sess_a', 'sess_b'], 'Q3 portfolio');
    expect(path).toBe('/runs/view?sessions=sess_a,sess_b&name=Q3+portfolio');
    const params = new URL(path, 'http://x.test').searchParams;
    expect(parseSessionList(params.get('sessions') ?? '').sessions).toEqual(['sess_a', 'sess_b']);
  });

  it('records a chunk and its session in one step', () => {
    const run = newRun(
      'r',
      [
        { locations: [], rows: {} },
        { locations: [], rows: {} },
      ],
      {
        columns: [],
        source: null,
      },
    );
    const next = withChunkSubmitted(run, 1, 'sess_z');
    expect(next.sessions).toEqual(['sess_z']);
    expect(next.chunks.map((c) => c.state)).toEqual(['pending', 'submitted']);
    expect(withChunkSubmitted(next, 1, 'sess_z').sessions).toEqual(['sess_z']);
  });

  it("progress is the sum of its sessions'", () => {
    const parts = [status(500, 500, 3), status(120, 500, 1), undefined, status(0, 200)];
    expect(runProgress(parts)).toEqual({
      total: 1200,
      processed: 620,
      successful: 616,
      failed: 4,
      known: 3,
      finished: 1,
    });
  });
});

import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { closeBrowserDb, readRun, readSessionInput, saveRun } from '@/lib/browser-db';
import { newRun, type Run } from '@/lib/runs';
import { server, setupMswServer } from '@/test/msw';
import { submitRun, type SubmitState } from './submit-run';

setupMswServer();

/** A run of `n` chunks of two locations each, with the user's rows. */
function storedRun(n: number): Promise<Run> {
  const run = newRun(
    'Portfolio',
    Array.from({ length: n }, (_, i) => ({
      locations: [
        { lat: 10 + i, lng: 20 },
        { lat: 10 + i, lng: 21 },
      ],
      rows: {
        [`${(10 + i).toFixed(6)},20.000000`]: {
          inputRow: 2 * i + 2,
          lat: String(10 + i),
          lng: '20',
          values: [`home ${i}`],
        },
      },
    })),
    { columns: ['name'], source: 'portfolio.csv' },
  );
  return saveRun(run).then(() => run);
}

/** `/v2/session/new`, answering each request with the next of `answers` (then successes). */
function serveCreate(answers: (() => Response)[] = []) {
  const bodies: { lat: number; lng: number }[][] = [];
  let created = 0;
  server.use(
    http.post('*/v2/session/new', async ({ request }) => {
      const { locations } = (await request.json()) as { locations: { lat: number; lng: number }[] };
      const answer = answers.shift();
      if (answer) return answer();
      bodies.push(locations);
      created++;
      return HttpResponse.json({
        session_id: `sess_${created}`,
        total_locations: locations.length,
        submitted_at: '2026-01-15T10:30:00',
      });
    }),
  );
  return bodies;
}

function recorder() {
  const waits: number[] = [];
  const states: SubmitState[] = [];
  const sleep = (ms: number, signal: AbortSignal) => {
    waits.push(ms);
    return signal.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve();
  };
  return { waits, states, sleep, onState: (s: SubmitState) => states.push(s) };
}

describe('submitting a run', () => {
  it('creates a session per chunk, in order, recording each with its input rows', async () => {
    const run = await storedRun(3);
    const bodies = serveCreate();
    const r = recorder();
    const end = await submitRun(run.id, new AbortController().signal, r.onState, r.sleep);

    expect(end).toEqual({ phase: 'done' });
    expect(bodies.map((b) => b[0]?.lat)).toEqual([10, 11, 12]);
    const stored = await readRun(run.id);
    expect(stored?.sessions).toEqual(['sess_1', 'sess_2', 'sess_3']);
    expect(stored?.chunks.map((c) => [c.state, c.sessionId])).toEqual([
      ['submitted', 'sess_1'],
      ['submitted', 'sess_2'],
      ['submitted', 'sess_3'],
    ]);
    const input = await readSessionInput('sess_2');
    expect(input?.columns).toEqual(['name']);
    expect(input?.rows['11.000000,20.000000']?.values).toEqual(['home 1']);
    expect(r.states.filter((s) => s.phase === 'submitting').map((s) => s.chunk)).toEqual([0, 1, 2]);
  });

  it('waits Retry-After on a 429, then submits the same chunk once', async () => {
    const run = await storedRun(2);
    const bodies = serveCreate([
      () =>
        HttpResponse.json(
          { success: false, error: 'rate_limited', message: 'Slow down.' },
          { status: 429, headers: { 'Retry-After': '7' } },
        ),
    ]);
    const r = recorder();
    await submitRun(run.id, new AbortController().signal, r.onState, r.sleep);

    expect(r.waits).toEqual([7000]);
    expect(r.states).toContainEqual(expect.objectContaining({ phase: 'waiting', chunk: 0 }));
    expect(bodies.map((b) => b[0]?.lat)).toEqual([10, 11]);
    expect((await readRun(run.id))?.sessions).toEqual(['sess_1', 'sess_2']);
  });

  it('backs off on network and server errors, doubling the wait', async () => {
    const run = await storedRun(1);
    const bodies = serveCreate([
      () => HttpResponse.error(),
      () => new HttpResponse('upstream down', { status: 502 }),
      () => HttpResponse.error(),
    ]);
    const r = recorder();
    const end = await submitRun(run.id, new AbortController().signal, r.onState, r.sleep);

    expect(end).toEqual({ phase: 'done' });
    expect(r.waits).toEqual([1000, 2000, 4000]);
    expect(bodies).toHaveLength(1);
  });

  it('marks a chunk refused for good with its reason and goes on with the rest', async () => {
    const run = await storedRun(3);
    serveCreate([
      () =>
        HttpResponse.json(
          { success: false, error: 'too_many_locations', message: 'At most 500 locations.' },
          { status: 413 },
        ),
    ]);
    const r = recorder();
    await submitRun(run.id, new AbortController().signal, r.onState, r.sleep);

    const stored = await readRun(run.id);
    expect(stored?.chunks[0]).toMatchObject({
      state: 'rejected',
      reason: 'At most 500 locations.',
    });
    expect(stored?.chunks.slice(1).map((c) => c.state)).toEqual(['submitted', 'submitted']);
    expect(r.waits).toEqual([]);
  });

  it('stops the whole queue when the month is used up, leaving the rest pending', async () => {
    const run = await storedRun(2);
    serveCreate([
      () =>
        HttpResponse.json(
          { success: false, error: 'quota_exceeded', message: 'Monthly quota used up.' },
          { status: 429, headers: { 'Retry-After': '86400' } },
        ),
    ]);
    const r = recorder();
    const end = await submitRun(run.id, new AbortController().signal, r.onState, r.sleep);

    expect(end).toMatchObject({ phase: 'stopped' });
    expect((await readRun(run.id))?.chunks.map((c) => c.state)).toEqual(['pending', 'pending']);
  });

  it('resumes after a reload with the chunks still pending, never submitting one twice', async () => {
    const run = await storedRun(3);
    const bodies = serveCreate();
    const controller = new AbortController();
    // The page goes away right after the first chunk is recorded.
    const first = await submitRun(
      run.id,
      controller.signal,
      (s) => {
        if (s.phase === 'submitting' && s.chunk === 1) controller.abort();
      },
      recorder().sleep,
    );
    expect(first).toEqual({ phase: 'cancelled' });
    // A reload: a new connection to the same database, a new queue from what is stored.
    closeBrowserDb();
    const end = await submitRun(run.id, new AbortController().signal, () => {}, recorder().sleep);

    expect(end).toEqual({ phase: 'done' });
    const lats = bodies.map((b) => b[0]?.lat);
    expect(lats).toEqual([10, 11, 12]);
    expect((await readRun(run.id))?.sessions).toHaveLength(3);
  });

  it('cancel stops before the next chunk', async () => {
    const run = await storedRun(3);
    const bodies = serveCreate();
    const controller = new AbortController();
    const end = await submitRun(
      run.id,
      controller.signal,
      (s) => {
        if (s.phase === 'submitting' && s.chunk === 1) controller.abort();
      },
      recorder().sleep,
    );
    expect(end).toEqual({ phase: 'cancelled' });
    expect(bodies).toHaveLength(1);
  });
});

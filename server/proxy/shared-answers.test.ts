import { describe, expect, it } from 'vitest';
import { createSharedAnswers, keyHash, type Loaded, type WholeAnswer } from './shared-answers';

const answer = (body: string, status = 200, headers: Record<string, string> = {}): WholeAnswer => ({
  status,
  headers,
  body: Buffer.from(body),
  upstreamEtag: null,
});

describe('createSharedAnswers', () => {
  it('stays within its byte bound for 100,000 distinct sessions', async () => {
    const shared = createSharedAnswers<string>({ maxBytes: 1024 * 1024 });
    const body = JSON.stringify({ status: 'PROCESSING', pad: 'x'.repeat(900) });
    for (let i = 0; i < 100_000; i++) {
      await shared.get(
        `${keyHash('k')} /v2/session/status?session_id=sess_${i}`,
        2000,
        async () => ({
          kind: 'answer',
          answer: answer(body),
        }),
      );
      if (i % 10_000 === 0) expect(shared.stats().bytes).toBeLessThanOrEqual(1024 * 1024);
    }
    const { entries, bytes } = shared.stats();
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(entries).toBeLessThan(1024);
  });

  it('shares one load between concurrent askers and reuses it while fresh', async () => {
    let clock = 0;
    const shared = createSharedAnswers<string>({ maxBytes: 1e6, now: () => clock });
    let loads = 0;
    const load = async (): Promise<Loaded<string>> => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return { kind: 'answer', answer: answer(`{"n":${loads}}`) };
    };
    const together = await Promise.all([1, 2, 3].map(() => shared.get('k', 100, load)));
    expect(together.map((r) => r.via).sort()).toEqual(['in-flight', 'in-flight', 'upstream']);
    expect(loads).toBe(1);
    clock = 99;
    expect((await shared.get('k', 100, load)).via).toBe('cache');
    clock = 100;
    expect((await shared.get('k', 100, load)).answer?.body.toString()).toBe('{"n":2}');
  });

  it('keeps a final status for good, but not a final-looking answer of another route', async () => {
    let clock = 0;
    const shared = createSharedAnswers<string>({ maxBytes: 1e6, now: () => clock });
    const load = async (): Promise<Loaded<string>> => ({
      kind: 'answer',
      answer: answer('{"status":"COMPLETED"}'),
    });
    await shared.get('status', 10, load, { canBeFinal: true });
    await shared.get('listing', 10, load);
    clock = 1_000_000;
    expect((await shared.get('status', 10, load, { canBeFinal: true })).via).toBe('cache');
    expect((await shared.get('listing', 10, load)).via).toBe('upstream');
  });

  it('holds a 429 until its Retry-After, and never stores other errors or failures', async () => {
    let clock = 0;
    const shared = createSharedAnswers<string>({ maxBytes: 1e6, now: () => clock });
    const limited = async (): Promise<Loaded<string>> => ({
      kind: 'answer',
      answer: answer('{}', 429, { 'retry-after': '3' }),
    });
    await shared.get('a', 10, limited);
    clock = 2_999;
    expect((await shared.get('a', 10, limited)).via).toBe('cache');
    clock = 3_000;
    expect((await shared.get('a', 10, limited)).via).toBe('upstream');
    const unauthorized = async (): Promise<Loaded<string>> => ({
      kind: 'answer',
      answer: answer('{}', 401),
    });
    await shared.get('b', 10_000, unauthorized);
    expect((await shared.get('b', 10_000, unauthorized)).via).toBe('upstream');
    const failing = async (): Promise<Loaded<string>> => ({ kind: 'failure', failure: 'down' });
    expect(await shared.get('c', 10_000, failing)).toMatchObject({ failure: 'down', answer: null });
    expect((await shared.get('c', 10_000, failing)).via).toBe('upstream');
  });

  it('revalidates a stale answer with the upstream’s ETag and keeps it on a 304', async () => {
    let clock = 0;
    const shared = createSharedAnswers<string>({ maxBytes: 1e6, now: () => clock });
    const first = await shared.get('k', 10, async () => ({
      kind: 'answer',
      answer: { ...answer('{"v":1}'), upstreamEtag: '"u1"' },
    }));
    clock = 50;
    let handed: string | null = null;
    const second = await shared.get('k', 10, async (previous) => {
      handed = previous?.upstreamEtag ?? null;
      return { kind: 'not-modified' };
    });
    expect(handed).toBe('"u1"');
    expect(second.answer?.etag).toBe(first.answer?.etag);
    clock = 55;
    expect((await shared.get('k', 10, async () => ({ kind: 'not-modified' }))).via).toBe('cache');
  });
});

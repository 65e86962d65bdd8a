import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import { server, setupMswServer } from '@/test/msw';
import { analysisCalls, loadFullAnalysis, type AnalysisTarget } from './load-analysis';

setupMswServer();

const targets = (n: number, analyzedAt = '2026-01-15T10:30:00'): AnalysisTarget[] =>
  Array.from({ length: n }, (_, i) => ({
    listingId: `L-${i}`,
    lat: 40 + i * 0.001,
    lng: 2,
    analyzedAt,
  }));

let sizes: number[] = [];
/** The batch endpoint; refuses bodies over `limit` with 413, as a stricter server would. */
function serveBatch(limit = 500) {
  sizes = [];
  server.use(
    http.post('*/v2/listing/quietness', async ({ request }) => {
      const { listings } = (await request.json()) as { listings: { lat: number; lng: number }[] };
      sizes.push(listings.length);
      if (listings.length > limit)
        return HttpResponse.json(
          { success: false, error: 'too_many_locations', message: 'Too many.' },
          { status: 413 },
        );
      return HttpResponse.json({
        status: 'OK',
        summary: { total: listings.length, successful: listings.length, failed: 0 },
        // Answered in reverse order: items are matched by their request, not their place.
        results: listings
          .map((loc, i) => {
            if (loc.lat === 45)
              return {
                id: `limit_reached_${i + 1}`,
                status: 'ERROR',
                request: loc,
                message: 'Listing limit reached',
              };
            const response = { ...DOCUMENTED.quietnessSingle.response, ...loc };
            if (loc.lat === 46) Object.assign(response, { quiet_score: 'loud' });
            return { id: `id-${i}`, status: 'OK', request: loc, response };
          })
          .reverse(),
      });
    }),
  );
}

beforeEach(() => serveBatch());

describe('loadFullAnalysis', () => {
  it('asks in chunks of 100 and says its progress', async () => {
    const progress: number[] = [];
    const out = await loadFullAnalysis(targets(250), { onProgress: (done) => progress.push(done) });
    expect(sizes).toEqual([100, 100, 50]);
    expect(progress).toEqual([0, 100, 200, 250]);
    expect(out.size).toBe(250);
    const first = out.get('L-0');
    expect(first?.kind === 'ok' && first.listing.lat).toBe(40);
    expect(analysisCalls(250)).toBe(3);
  });

  it('halves the chunk when the server refuses it as too large', async () => {
    serveBatch(30);
    const out = await loadFullAnalysis(targets(70));
    expect(sizes).toEqual([70, 50, 25, 25, 20]);
    expect([...out.values()].every((o) => o.kind === 'ok')).toBe(true);
  });

  it('keeps what it fetched: a second load asks nothing; a result analyzed again is asked again', async () => {
    await loadFullAnalysis(targets(120));
    expect(sizes).toEqual([100, 20]);
    serveBatch();
    const again = await loadFullAnalysis(targets(120));
    expect(sizes).toEqual([]);
    expect(again.size).toBe(120);
    const newer = await loadFullAnalysis(targets(3, '2026-02-01T00:00:00'));
    expect(sizes).toEqual([3]);
    expect(newer.size).toBe(3);
  });

  it('reports a failed item with its message, and an item off the contract as unavailable', async () => {
    const out = await loadFullAnalysis([
      { listingId: 'ok', lat: 44, lng: 2, analyzedAt: 'a' },
      { listingId: 'limit', lat: 45, lng: 2, analyzedAt: 'a' },
      { listingId: 'broken', lat: 46, lng: 2, analyzedAt: 'a' },
    ]);
    expect(out.get('ok')?.kind).toBe('ok');
    expect(out.get('limit')).toEqual({ kind: 'failed', message: 'Listing limit reached' });
    expect(out.get('broken')).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/^Analysis unavailable: response\.quiet_score/),
    });
  });
});

/** Session status payloads of a growing 500-location session, built in memory. */

/**
 * `grid`: results fill a block of Europe-sized cells eastwards (the fitted view keeps them all).
 * `spread`: each poll's 12 results lie twice as far from the first ones as the last poll's,
 * alternately north and south (up to 60°), so each poll lands outside the fitted view.
 * `world`: a grid of 200 rows over latitudes ±50 and columns 1.2° apart eastwards from -170
 * (room for 50,000 results).
 */
export type Layout = 'grid' | 'spread' | 'world';

function position(i: number, layout: Layout) {
  if (layout === 'world')
    return { lat: -50 + (i % 200) * 0.5, lng: -170 + Math.floor(i / 200) * 1.2 };
  if (layout === 'grid') return { lat: 40 + (i % 25) * 0.5, lng: -30 + Math.floor(i / 25) * 0.5 };
  const group = Math.floor(i / 12);
  const r = Math.min(60, 0.02 * 2 ** group);
  return { lat: 10 + (group % 2 ? r : -r), lng: 10 + (i % 12) * 0.001 };
}

function result(i: number, score: number, layout: Layout) {
  return i % 10 === 9
    ? {
        ...position(i, layout),
        status: 'failed',
        error: 'Failed to calculate quietness score',
        analyzed_at: '2026-01-15T10:30:10.000000',
      }
    : {
        ...position(i, layout),
        status: 'success',
        quiet_score: score,
        listing_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        analyzed_at: '2026-01-15T10:30:10.000000',
      };
}
export function payload(processed: number, total = 500, layout: Layout = 'grid') {
  const results = Array.from({ length: processed }, (_, i) => result(i, (i * 37) % 101, layout));
  const failed = results.filter((r) => r.status === 'failed').length;
  return JSON.stringify({
    status: processed >= total ? 'COMPLETED' : 'PROCESSING',
    progress: { total, processed, successful: processed - failed, failed },
    results,
    submitted_at: '2026-01-15T10:30:00.000000',
    started_at: '2026-01-15T10:30:01.000000',
    completed_at: null,
  });
}

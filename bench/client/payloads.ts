/** Session status payloads of a growing 500-location session, built in memory. */

function result(i: number, score: number) {
  return i % 10 === 9
    ? {
        lat: 40 + (i % 25) * 0.5,
        lng: -30 + Math.floor(i / 25) * 0.5,
        status: 'failed',
        error: 'Failed to calculate quietness score',
        analyzed_at: '2026-01-15T10:30:10.000000',
      }
    : {
        lat: 40 + (i % 25) * 0.5,
        lng: -30 + Math.floor(i / 25) * 0.5,
        status: 'success',
        quiet_score: score,
        listing_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        analyzed_at: '2026-01-15T10:30:10.000000',
      };
}
export function payload(processed: number, total = 500) {
  const results = Array.from({ length: processed }, (_, i) => result(i, (i * 37) % 101));
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

import type { SessionResult } from '@/contract/schemas';

/** A status payload of `total` locations with `processed` done; every 5th fails at sea. */
export function statusPayload(processed: number, total = 20, status?: string) {
  const results: SessionResult[] = Array.from({ length: processed }, (_, i) =>
    i % 5 === 4
      ? {
          lat: 35 + i * 0.01,
          lng: -40,
          status: 'failed',
          error: 'Failed to calculate quietness score',
          analyzed_at: `2026-01-15T10:30:${String(10 + (i % 40)).padStart(2, '0')}.000000`,
        }
      : {
          lat: 48 + i * 0.01,
          lng: 2 + i * 0.01,
          status: 'success',
          quiet_score: (i * 13) % 101,
          listing_id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
          analyzed_at: `2026-01-15T10:30:${String(10 + (i % 40)).padStart(2, '0')}.000000`,
        },
  );
  const failed = results.filter((r) => r.status === 'failed').length;
  return {
    status:
      status ?? (processed === 0 ? 'QUEUED' : processed >= total ? 'COMPLETED' : 'PROCESSING'),
    progress: { total, processed, successful: processed - failed, failed },
    results,
    submitted_at: '2026-01-15T10:30:00.000000',
    started_at: processed > 0 ? '2026-01-15T10:30:05.000000' : null,
    completed_at: processed >= total ? '2026-01-15T10:31:00.000000' : null,
  };
}

/**
 * The full analysis of many listings at the cost of a few calls: kept listings from IndexedDB,
 * the rest from the batch endpoint in chunks (halved on a 413 from a stricter server), each
 * item checked on its own, every answer kept for the next time.
 */
import { isApiError } from '@/api/client';
import { getQuietnessBatch } from '@/api/endpoints';
import { coordinateKey } from '@/contract/coordinates';
import { batchErrorItem, batchOkItem, listing as listingSchema } from '@/contract/schemas';
import type { AnalysisOutcome } from '@/lib/analysis';
import { readStoredListings, saveStoredListings } from '@/lib/browser-db';

/** Listings per call: the API documents no limit; ours (the emulator's) is 500. */
export const BATCH_SIZE = 100;

export interface AnalysisTarget {
  /** The result's listing ID. */
  listingId: string;
  lat: number;
  lng: number;
  /** When the result was analyzed: a kept analysis of another time is asked again. */
  analyzedAt: string;
}

/** Calls a load costs: one per chunk of the listings not kept yet. */
export const analysisCalls = (missing: number, size = BATCH_SIZE) => Math.ceil(missing / size);

export interface LoadOptions {
  signal?: AbortSignal;
  /** Listings settled (kept, fetched or failed) of all. */
  onProgress?: (done: number, total: number) => void;
  size?: number;
}

/** Which of `targets` are kept already (valid, for the same analysis time). */
export async function keptAnalyses(targets: readonly AnalysisTarget[]) {
  const stored = await readStoredListings(targets.map((t) => t.listingId));
  const kept = new Map<string, AnalysisOutcome>();
  targets.forEach((t, i) => {
    const s = stored[i];
    if (!s || s.analyzedAt !== t.analyzedAt) return;
    const parsed = listingSchema.safeParse(s.listing);
    if (parsed.success) kept.set(t.listingId, { kind: 'ok', listing: parsed.data });
  });
  return kept;
}

export async function loadFullAnalysis(
  targets: readonly AnalysisTarget[],
  { signal, onProgress, size = BATCH_SIZE }: LoadOptions = {},
): Promise<Map<string, AnalysisOutcome>> {
  const out = await keptAnalyses(targets);
  const missing = targets.filter((t) => !out.has(t.listingId));
  let done = targets.length - missing.length;
  onProgress?.(done, targets.length);
  let chunk = Math.max(1, size);
  for (let i = 0; i < missing.length;) {
    signal?.throwIfAborted();
    const part = missing.slice(i, i + chunk);
    let answer: Awaited<ReturnType<typeof getQuietnessBatch>>;
    try {
      answer = await getQuietnessBatch(
        part.map(({ lat, lng }) => ({ lat, lng })),
        { signal },
      );
    } catch (error) {
      // A server with a smaller limit: halve and ask again.
      if (isApiError(error) && error.status === 413 && chunk > 1) {
        chunk = Math.ceil(chunk / 2);
        continue;
      }
      throw error;
    }
    const keep: Parameters<typeof saveStoredListings>[0] = [];
    part.forEach((target, k) => {
      const outcome = outcomeOf(itemFor(answer.results, target, k));
      out.set(target.listingId, outcome);
      if (outcome.kind === 'ok')
        keep.push({
          listingId: target.listingId,
          value: { analyzedAt: target.analyzedAt, listing: outcome.listing },
        });
    });
    await saveStoredListings(keep);
    i += part.length;
    done += part.length;
    onProgress?.(done, targets.length);
  }
  return out;
}

/** The item answering `target`: the one whose request has its coordinate, else the k-th. */
function itemFor(items: readonly unknown[], target: AnalysisTarget, k: number): unknown {
  const key = coordinateKey(target.lat, target.lng);
  const byRequest = items.find((item) => {
    const request = (item as { request?: { lat?: unknown; lng?: unknown } } | null)?.request;
    return (
      typeof request?.lat === 'number' &&
      typeof request.lng === 'number' &&
      coordinateKey(request.lat, request.lng) === key
    );
  });
  return byRequest ?? items[k];
}

function outcomeOf(item: unknown): AnalysisOutcome {
  const ok = batchOkItem.safeParse(item);
  if (ok.success) return { kind: 'ok', listing: ok.data.response };
  const failed = batchErrorItem.safeParse(item);
  if (failed.success)
    return {
      kind: 'failed',
      message:
        failed.data.message ?? failed.data.error ?? `The API answered ${failed.data.status}.`,
    };
  if (item === undefined)
    return { kind: 'failed', message: 'The API’s answer left this listing out.' };
  const issue = ok.error.issues[0];
  return {
    kind: 'invalid',
    raw: item,
    message: `Analysis unavailable: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'not as documented'}.`,
  };
}

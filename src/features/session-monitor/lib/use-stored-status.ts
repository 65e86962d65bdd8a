import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { isSessionFinished, type SessionStatus } from '@/contract/schemas';
import { useApiKey } from '@/lib/api-key';
import { keptStatus, keyFingerprint, readLastStatus, saveLastStatus } from '@/lib/browser-db';
import { whenIdle } from '@/lib/idle';

/** A running session's status is kept at most this often (each write copies the whole answer). */
const SAVE_EVERY_MS = 10_000;

/**
 * Keeps the last status seen of a session in this browser (IndexedDB): at most every 10 s
 * while it runs, at once when it ends or when the API refuses a poll (`refused`), in idle time,
 * never in the frame that shows a poll.
 */
export function useKeepLastStatus(
  sessionId: string,
  data: SessionStatus | undefined,
  refused: boolean,
) {
  const lastSaved = useRef<{ at: number; data: SessionStatus | null }>({ at: 0, data: null });
  useEffect(() => {
    if (!data || lastSaved.current.data === data) return;
    const now = isSessionFinished(data) || refused;
    if (!now && Date.now() - lastSaved.current.at < SAVE_EVERY_MS) return;
    const save = () => {
      lastSaved.current = { at: Date.now(), data };
      void saveLastStatus(sessionId, data);
    };
    return whenIdle(save, 2_000);
  }, [sessionId, data, refused]);
}

export interface StoredStatus {
  status: SessionStatus;
  savedAt: number;
}

/**
 * The last status this browser kept of a session, read only when `wanted` (the API refused and
 * nothing is on screen); checked against the contract unless this version of it validated it.
 */
export function useStoredStatus(
  sessionId: string,
  wanted: boolean,
): { stored: StoredStatus | null; reading: boolean } {
  const { effectiveKey } = useApiKey();
  const { data, isPending } = useQuery({
    queryKey: ['stored-status', keyFingerprint(effectiveKey), sessionId],
    queryFn: async (): Promise<StoredStatus | null> => {
      const stored = await readLastStatus(sessionId);
      const status = stored ? keptStatus(stored) : null;
      return stored && status ? { status, savedAt: stored.savedAt } : null;
    },
    enabled: wanted,
    staleTime: Infinity,
  });
  return { stored: data ?? null, reading: wanted && isPending };
}

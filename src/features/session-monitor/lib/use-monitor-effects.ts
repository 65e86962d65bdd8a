import { useEffect, useRef, useState } from 'react';
import { openApiKeyDialog } from '@/lib/api-key';
import { isApiError } from '@/api/client';
import { isSessionFinished, type SessionStatus } from '@/contract/schemas';
import { flushRecentSessions, rememberSession, updateRecentSession } from '@/lib/recent-sessions';

/**
 * The session at the top of the recent list once it has answered, with its last known
 * progress. A lookup that fails (unknown ID, another account's, a malformed answer) is not
 * remembered: the list holds sessions that exist.
 */
export function useRecentSession(sessionId: string, data: SessionStatus | undefined) {
  const remembered = useRef<string | null>(null);
  useEffect(() => flushRecentSessions, [sessionId]);
  useEffect(() => {
    if (!data) return;
    const state = {
      status: data.status,
      processed: data.progress.processed,
      total: data.progress.total,
    };
    // The first answer puts it on top; later ones update it in place (progress is written lazily).
    if (remembered.current !== sessionId) {
      remembered.current = sessionId;
      rememberSession({ sessionId, ...state });
    } else updateRecentSession(sessionId, state);
  }, [sessionId, data]);
}

/** A key the server refuses before any data arrived: ask for another one. */
export function useKeyDialogOnRefusal(data: SessionStatus | undefined, failed: Error | null) {
  useEffect(() => {
    if (!data && isApiError(failed) && failed.kind === 'unauthorized') {
      openApiKeyDialog(
        'The server did not accept the API key for this session. Enter a valid key.',
      );
    }
  }, [data, failed]);
}

/** "42% · session sess_…" while it runs, restored on leave. */
export function useProgressTitle(sessionId: string, pct: number | null) {
  useEffect(() => {
    const before = document.title;
    return () => {
      document.title = before;
    };
  }, []);
  useEffect(() => {
    document.title =
      pct === null ? `Session ${sessionId} · Quiet Score` : `${pct}% · session ${sessionId}`;
  }, [sessionId, pct]);
}

/** Opt-in browser notification when the session finishes (only on the transition). */
export function useFinishNotification(sessionId: string, data: SessionStatus | undefined) {
  const [enabled, setEnabled] = useState(false);
  const [blocked, setBlocked] = useState(
    () => typeof Notification !== 'undefined' && Notification.permission === 'denied',
  );
  const wasFinished = useRef<boolean | null>(null);
  const finished = data ? isSessionFinished(data) : null;
  // Seen running on this page: its row stays when it ends, so nothing below moves.
  const [sawRunning, setSawRunning] = useState(false);
  if (finished === false && !sawRunning) setSawRunning(true);
  useEffect(() => {
    if (finished === null) return;
    const before = wasFinished.current;
    wasFinished.current = finished;
    if (
      enabled &&
      before === false &&
      finished &&
      'Notification' in window &&
      Notification.permission === 'granted'
    ) {
      new Notification('Quiet Score session finished', {
        body: `${sessionId}: ${data?.progress.successful ?? 0} successful, ${data?.progress.failed ?? 0} failed`,
      });
    }
  }, [finished, enabled, sessionId, data]);

  async function enable() {
    if (!('Notification' in window)) return false;
    const permission =
      Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    setEnabled(permission === 'granted');
    setBlocked(permission === 'denied');
    return permission === 'granted';
  }
  const supported = typeof window !== 'undefined' && 'Notification' in window;
  return {
    supported,
    enabled,
    /** The browser refuses notifications for this site (the user said no, or a policy). */
    blocked,
    sawRunning,
    enable,
    disable: () => setEnabled(false),
  };
}

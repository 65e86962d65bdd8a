/**
 * Where the user's API key lives in the browser: `sessionStorage` by default (gone with the
 * tab), `localStorage` only when the user opts in to "remember on this device". The key is
 * only ever sent in the `Authorization` header: never in a URL, never logged.
 */
const STORAGE_KEY = 'quiet-score.api-key';

type Listener = () => void;
const listeners = new Set<Listener>();
let fallbackKey: string | null = null;
let dialog: ApiKeyState['dialog'] = null;

export interface ApiKeyState {
  /** The key the user entered, if any. */
  userKey: string | null;
  /** True when the user's key is kept in localStorage. */
  remembered: boolean;
  /** The key requests use: the user's, else the emulator's demo key. */
  effectiveKey: string | null;
  /** True when requests use the emulator's demo key. */
  usingDemoKey: boolean;
  /** Why the key dialog is open (e.g. after a 401), or null when it is closed. */
  dialog: { reason: string | null } | null;
}

function safeStorage(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

function read(): { key: string | null; remembered: boolean } {
  const remembered = safeStorage('local')?.getItem(STORAGE_KEY) ?? null;
  if (remembered) return { key: remembered, remembered: true };
  return { key: safeStorage('session')?.getItem(STORAGE_KEY) ?? null, remembered: false };
}

let snapshot: ApiKeyState = compute();

function compute(): ApiKeyState {
  const { key, remembered } = read();
  return {
    userKey: key,
    remembered,
    effectiveKey: key ?? fallbackKey,
    usingDemoKey: key === null && fallbackKey !== null,
    dialog,
  };
}

function emit() {
  snapshot = compute();
  for (const l of listeners) l();
}

export function getApiKeyState(): ApiKeyState {
  return snapshot;
}

export function getEffectiveApiKey(): string | null {
  return snapshot.effectiveKey;
}

export function subscribeApiKey(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setApiKey(key: string, remember: boolean) {
  const trimmed = key.trim();
  if (trimmed === '') return forgetApiKey();
  safeStorage('local')?.removeItem(STORAGE_KEY);
  safeStorage('session')?.removeItem(STORAGE_KEY);
  safeStorage(remember ? 'local' : 'session')?.setItem(STORAGE_KEY, trimmed);
  emit();
}

export function forgetApiKey() {
  safeStorage('local')?.removeItem(STORAGE_KEY);
  safeStorage('session')?.removeItem(STORAGE_KEY);
  emit();
}

/** The emulator offers a demo key through /api/config; proxy mode never does. */
export function setFallbackApiKey(key: string | null) {
  if (fallbackKey === key) return;
  fallbackKey = key;
  emit();
}

/** Any view may ask for a key (a 401, a button); the layout owns the one dialog. */
export function openApiKeyDialog(reason: string | null = null) {
  dialog = { reason };
  emit();
}

export function closeApiKeyDialog() {
  if (dialog === null) return;
  dialog = null;
  emit();
}

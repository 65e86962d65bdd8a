/**
 * Where the user's API key lives in the browser: `sessionStorage` by default (gone with the
 * tab), `localStorage` only when the user opts in to "remember on this device". The key is
 * only ever sent in the `Authorization` header: never in a URL, never logged.
 */
import { createSnapshotStore, readStored, writeStored } from './browser-store';

const STORAGE_KEY = 'quiet-score.api-key';

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

function read(): { key: string | null; remembered: boolean } {
  const remembered = readStored('local', STORAGE_KEY);
  if (remembered) return { key: remembered, remembered: true };
  return { key: readStored('session', STORAGE_KEY), remembered: false };
}

const store = createSnapshotStore(compute);

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

const emit = () => store.reload();

export const getApiKeyState = store.get;

export function getEffectiveApiKey(): string | null {
  return store.get().effectiveKey;
}

/** The key's state for React; re-renders when it changes. */
export const useApiKey = store.use;

export function setApiKey(key: string, remember: boolean) {
  const trimmed = key.trim();
  if (trimmed === '') return forgetApiKey();
  writeStored('local', STORAGE_KEY, null);
  writeStored('session', STORAGE_KEY, null);
  writeStored(remember ? 'local' : 'session', STORAGE_KEY, trimmed);
  emit();
}

export function forgetApiKey() {
  writeStored('local', STORAGE_KEY, null);
  writeStored('session', STORAGE_KEY, null);
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

/**
 * Light or dark: the system's preference until the user picks one in the header; the pick is
 * remembered in localStorage. CSS follows the root's class (`light`/`dark`, or none for the
 * system); canvas drawings (the map) ask `useTheme` for the resolved theme.
 */
import { useSyncExternalStore } from 'react';
import { createSnapshotStore, readStored, writeStored } from './browser-store';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'quiet-score.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function readChoice(): Theme | null {
  const stored = readStored('local', STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : null;
}

const choice = createSnapshotStore(readChoice);

let darkQuery: MediaQueryList | null | undefined;
/** The system's preference, as one MediaQueryList read on every render (jsdom has none). */
const systemDark = () =>
  darkQuery === undefined ? (darkQuery = window.matchMedia?.(DARK_QUERY) ?? null) : darkQuery;

const systemTheme = (): Theme => (systemDark()?.matches ? 'dark' : 'light');

function subscribeSystem(listener: () => void) {
  const query = systemDark();
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
}

/** Puts the user's pick on the root element (none: the system decides). */
export function applyThemeChoice(theme: Theme | null = choice.get()) {
  const root = document.documentElement;
  root.classList.toggle('light', theme === 'light');
  root.classList.toggle('dark', theme === 'dark');
}

export function setTheme(theme: Theme) {
  writeStored('local', STORAGE_KEY, theme);
  choice.set(theme);
  applyThemeChoice(theme);
}

/** The theme on screen: the user's pick, else the system's. */
export function useTheme(): Theme {
  const picked = choice.use();
  const system = useSyncExternalStore(subscribeSystem, systemTheme, () => 'light' as const);
  return picked ?? system;
}

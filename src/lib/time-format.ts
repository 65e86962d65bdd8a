/** Time for people, with the platform's Intl (no date library needed for these). */

/**
 * A formatter made on first use: each one loads locale data (≈ 15 ms on a phone), which would
 * otherwise all land in the task that first evaluates this module.
 */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

const relativeFormat = lazy(
  () => new Intl.RelativeTimeFormat('en', { numeric: 'always', style: 'narrow' }),
);

/** "3s ago", "2m ago", "1h ago" for a past instant. */
export function formatAgo(thenMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  const relative = relativeFormat();
  if (s < 60) return relative.format(-s, 'second');
  if (s < 3600) return relative.format(-Math.floor(s / 60), 'minute');
  if (s < 86400) return relative.format(-Math.floor(s / 3600), 'hour');
  return relative.format(-Math.floor(s / 86400), 'day');
}

/** "45 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** A time-left range people can read at a glance: "about 2–3 min", "under a minute". */
export function formatRange(lowMs: number, highMs: number): string {
  if (highMs <= 0) return 'none';
  if (highMs < 60_000) return 'under a minute';
  const lowMin = Math.max(1, Math.floor(lowMs / 60_000));
  const highMin = Math.max(lowMin, Math.ceil(highMs / 60_000));
  if (highMin >= 120) {
    const lowH = Math.max(1, Math.floor(lowMin / 60));
    const highH = Math.max(lowH, Math.ceil(highMin / 60));
    return lowH === highH ? `about ${lowH} h` : `about ${lowH}–${highH} h`;
  }
  return lowMin === highMin ? `about ${lowMin} min` : `about ${lowMin}–${highMin} min`;
}

// Every time on screen goes through these two: the user's own zone, and its name shown.
const absolute = lazy(
  () =>
    new Intl.DateTimeFormat(undefined, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    }),
);
const clock = lazy(
  () =>
    new Intl.DateTimeFormat(undefined, {
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }),
);

/** "Nov 29, 2026, 12:50:09 PM EST": date and time in the user's own zone, which it names. */
export function formatAbsolute(ms: number): string {
  return absolute().format(ms);
}

/** "02:02 PM EST" in the user's zone, which it names. */
export function formatClock(ms: number): string {
  return clock().format(ms);
}

/** A time for files: ISO 8601 in UTC, with its `Z` ("2026-11-29T17:50:09.000Z"). */
export function formatIsoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** Makes the formatters now (e.g. while a request is on its way), not in the first render. */
export function warmTimeFormats() {
  relativeFormat();
  absolute();
  clock();
}

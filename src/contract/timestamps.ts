/**
 * API timestamps are documented as ISO 8601 but arrive naive (no `Z`, no offset) with
 * microseconds: `2026-01-15T10:30:00.000000`. Our contract reads a naive timestamp as UTC
 * and also accepts `Z` and `±HH:MM` offsets, with 0–9 fractional digits.
 */
const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds since the epoch, or `null` when `value` is not a timestamp of the forms above. */
export function parseApiTimestamp(value: string): number | null {
  const m = TIMESTAMP_RE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  let epoch = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2026-02-31 over into March: reject such dates instead.
  if (new Date(epoch).getUTCDate() !== day) return null;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    epoch -= sign * offsetMinutes * 60_000;
  }
  return epoch;
}

export function isApiTimestamp(value: string): boolean {
  return parseApiTimestamp(value) !== null;
}

/** The documented naive UTC form with microseconds, as the emulator emits it. */
export function formatApiTimestamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 23)}000`;
}

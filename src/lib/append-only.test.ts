import { describe, expect, it, vi } from 'vitest';
import {
  appendOnly,
  appendOnlyCount,
  appendOnlyFilter,
  appendOnlyFold,
  appendOnlyMap,
  appendsTo,
  grown,
} from './append-only';

const items = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ n: from + i, odd: (from + i) % 2 === 1 }));

describe('appendsTo', () => {
  it('holds only when every item of the prefix is in its place, as the same object', () => {
    const a = items(3);
    expect(appendsTo([...a, ...items(2, 3)], a)).toBe(true);
    expect(appendsTo(a, a)).toBe(true);
    expect(appendsTo(a.slice(0, 2), a)).toBe(false);
    expect(appendsTo([a[0]!, { ...a[1]! }, a[2]!], a)).toBe(false);
    expect(appendsTo([a[1]!, a[0]!, a[2]!], a)).toBe(false);
  });
});

describe('appendOnly', () => {
  it('derives only the appended items, and all again when the list changed otherwise', () => {
    const fn = vi.fn((x: { n: number }, i: number) => `${x.n}@${i}`);
    const map = appendOnlyMap(fn);
    const first = items(1000);
    expect(map(first)).toHaveLength(1000);
    expect(fn).toHaveBeenCalledTimes(1000);

    const polled = [...first, ...items(20, 1000)];
    const out = map(polled);
    expect(fn).toHaveBeenCalledTimes(1020);
    expect(out).toEqual(polled.map((x, i) => `${x.n}@${i}`));

    // The same list: the same value, nothing derived.
    expect(map(polled)).toBe(out);
    expect(fn).toHaveBeenCalledTimes(1020);

    // A result replaced (not only appended): derived whole again.
    const changed = [{ n: -1, odd: true }, ...polled.slice(1)];
    expect(map(changed)[0]).toBe('-1@0');
    expect(fn).toHaveBeenCalledTimes(2040);
  });

  it('filters, counts and folds as from scratch, poll after poll', () => {
    const filter = appendOnlyFilter((x: { odd: boolean }) => x.odd);
    const count = appendOnlyCount((x: { odd: boolean }) => x.odd);
    const fold = appendOnlyFold(
      () => new Map<boolean, number>(),
      (acc, x: { odd: boolean }) => acc.set(x.odd, (acc.get(x.odd) ?? 0) + 1),
      (acc) => new Map(acc),
    );
    let list = items(7);
    const before = fold(list);
    for (let poll = 0; poll < 5; poll++) {
      list = [...list, ...items(poll * 3, list.length)];
      expect(filter(list)).toEqual(list.filter((x) => x.odd));
      expect(count(list)).toBe(list.filter((x) => x.odd).length);
      expect(fold(list).get(true)).toBe(list.filter((x) => x.odd).length);
    }
    // A value handed out before is never changed by a later poll.
    expect(before.get(true)).toBe(3);
  });

  it('keeps the last value when a poll brought nothing new', () => {
    const derive = appendOnly(
      (list: readonly number[]) => ({ sum: list.reduce((a, b) => a + b, 0) }),
      (last, list, from) =>
        from === list.length
          ? last
          : { sum: last.sum + list.slice(from).reduce((a, b) => a + b, 0) },
    );
    const a = [1, 2, 3];
    const first = derive(a);
    expect(derive(a.slice())).toBe(first);
    expect(derive([...a, 4]).sum).toBe(10);
  });
});

describe('grown', () => {
  it('lets appendsTo answer without looking at the items, and only for that prefix', () => {
    const prefix = items(3);
    // Not a copy with pushes: appendsTo believes what it was told about this pair only.
    const list = grown([...prefix, ...items(2, 3)], prefix);
    expect(appendsTo(list, prefix)).toBe(true);
    expect(appendsTo(list, items(3))).toBe(false);
  });

  it('is how a derivation records its own appends: the next poll does not scan them', () => {
    const map = appendOnlyMap((x: { n: number }) => x.n);
    const first = items(5);
    const a = map(first);
    const b = map([...first, ...items(1, 5)]);
    expect(appendsTo(b, a)).toBe(true);
    expect(b).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

/**
 * Derivations of lists that polls only ever append to (a session's results, a run's, their
 * rows): kept between calls, so a poll that brings 20 new results derives 20 items, not the
 * 10,000 before them again. Each is a function of the list; call it from a `useMemo` that
 * makes a new one when what the derivation reads besides the list changes.
 */

/**
 * Lists made by appending to another (`grown`): `appendsTo` answers them without a scan. The
 * prefix is held weakly: a strong one would keep every earlier version of a list alive, one
 * per poll, through the chain.
 */
const grownFrom = new WeakMap<readonly unknown[], WeakRef<readonly unknown[]>>();

/** Records that `list` was made by appending to `prefix` (a copy, then pushes), and returns it. */
export function grown<L extends readonly unknown[]>(list: L, prefix: L): L {
  grownFrom.set(list, new WeakRef(prefix));
  return list;
}

/**
 * `list` begins with every item of `prefix`, the same objects in the same places: it only
 * appended to it, as a poll does. Known at once for a list made by `grown` from `prefix`.
 */
export function appendsTo<T>(list: readonly T[], prefix: readonly T[]): boolean {
  if (grownFrom.get(list)?.deref() === prefix) return true;
  if (prefix.length > list.length) return false;
  for (let i = 0; i < prefix.length; i++) if (list[i] !== prefix[i]) return false;
  return true;
}

/**
 * `make(list)`, kept: called again with a list that appends to the last one, it gives
 * `extend(last value, list, from)`, where `from` is where the new items begin; with any other
 * list, `make` again. The value of an unchanged list is the same object.
 */
export function appendOnly<T, R>(
  make: (list: readonly T[]) => R,
  extend: (last: R, list: readonly T[], from: number) => R,
): (list: readonly T[]) => R {
  let source: readonly T[] | null = null;
  let value!: R;
  return (list) => {
    if (list === source) return value;
    value =
      source !== null && appendsTo(list, source) ? extend(value, list, source.length) : make(list);
    source = list;
    return value;
  };
}

/** `list.map(fn)` (`fn` is given each item's index in the whole list). */
export const appendOnlyMap = <T, U>(fn: (item: T, index: number) => U) =>
  appendOnly<T, readonly U[]>(
    (list) => list.map(fn),
    (last, list, from) =>
      from === list.length ? last : grown(last.concat(mapFrom(list, from, fn)), last),
  );

function mapFrom<T, U>(list: readonly T[], from: number, fn: (item: T, index: number) => U): U[] {
  const out = new Array<U>(list.length - from);
  for (let i = from; i < list.length; i++) out[i - from] = fn(list[i] as T, i);
  return out;
}

/** `list.filter(keep)`. */
export const appendOnlyFilter = <T>(keep: (item: T) => boolean) =>
  appendOnly<T, readonly T[]>(
    (list) => list.filter(keep),
    (last, list, from) => {
      const added = list.slice(from).filter(keep);
      return added.length === 0 ? last : grown(last.concat(added), last);
    },
  );

/** How many items `count` (`keep`). */
export const appendOnlyCount = <T>(keep: (item: T) => boolean) =>
  appendOnly<T, number>(
    (list) => countFrom(list, 0, keep),
    (last, list, from) => last + countFrom(list, from, keep),
  );

function countFrom<T>(list: readonly T[], from: number, keep: (item: T) => boolean) {
  let n = 0;
  for (let i = from; i < list.length; i++) if (keep(list[i] as T)) n++;
  return n;
}

/**
 * A fold of the list into a value `add` updates in place: a fresh `start()` folded over the
 * whole list, or a `copy` of the last value with only the new items added (the value handed
 * out before stays as it was).
 */
export const appendOnlyFold = <T, S>(
  start: () => S,
  add: (acc: S, item: T) => void,
  copy: (acc: S) => S,
) =>
  appendOnly<T, S>(
    (list) => {
      const acc = start();
      for (const item of list) add(acc, item);
      return acc;
    },
    (last, list, from) => {
      if (from === list.length) return last;
      const acc = copy(last);
      for (let i = from; i < list.length; i++) add(acc, list[i] as T);
      return acc;
    },
  );

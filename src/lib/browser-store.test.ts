import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSnapshotStore, readStoredList, writeStored } from './browser-store';

afterEach(() => {
  vi.restoreAllMocks();
  window.localStorage.clear();
});

describe('createSnapshotStore', () => {
  it('loads lazily once, and tells subscribers of every new snapshot', () => {
    const load = vi.fn(() => 1);
    const store = createSnapshotStore(load);
    expect(load).not.toHaveBeenCalled();
    expect(store.get()).toBe(1);
    expect(store.get()).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
    const heard = vi.fn();
    const unsubscribe = store.subscribe(heard);
    store.set(2);
    expect(store.get()).toBe(2);
    store.reload();
    expect(store.get()).toBe(1);
    expect(heard).toHaveBeenCalledTimes(2);
    unsubscribe();
    store.set(3);
    expect(heard).toHaveBeenCalledTimes(2);
  });
});

describe('stored values', () => {
  it('reads only the list items it accepts, and [] for anything unreadable', () => {
    const isString = (x: unknown): x is string => typeof x === 'string';
    window.localStorage.setItem('k', JSON.stringify(['a', 1, 'b', null]));
    expect(readStoredList('local', 'k', isString)).toEqual(['a', 'b']);
    window.localStorage.setItem('k', '{not json');
    expect(readStoredList('local', 'k', isString)).toEqual([]);
    window.localStorage.setItem('k', '{"a":1}');
    expect(readStoredList('local', 'k', isString)).toEqual([]);
  });

  it('says when storage refuses a write, instead of throwing', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(writeStored('local', 'k', 'v')).toBe(false);
    vi.restoreAllMocks();
    expect(writeStored('local', 'k', 'v')).toBe(true);
    expect(window.localStorage.getItem('k')).toBe('v');
    expect(writeStored('local', 'k', null)).toBe(true);
    expect(window.localStorage.getItem('k')).toBeNull();
  });
});

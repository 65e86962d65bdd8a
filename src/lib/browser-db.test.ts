import { describe, expect, it } from 'vitest';
import { CONTRACT_ID } from '@/contract/contract-id';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import { sessionStatusResponse } from '@/contract/schemas';
import { setApiKey } from './api-key';
import {
  KEPT_CLUSTER_INDEXES,
  keptStatus,
  readClusterIndex,
  readClusterIndexAhead,
  readLastStatus,
  saveClusterIndex,
  saveLastStatus,
} from './browser-db';

describe('kept statuses', () => {
  const status = sessionStatusResponse.parse(DOCUMENTED.sessionStatusCurrent);

  it('are kept with the contract that validated them, and read back as kept under it', async () => {
    setApiKey('key-a', true);
    await saveLastStatus('sess_a', status, 1_000);
    const stored = await readLastStatus('sess_a');
    expect(stored?.contract).toBe(CONTRACT_ID);
    // Not validated again: the very object read (zod's parse makes a new one).
    expect(keptStatus(stored!)).toBe(stored?.status);
    expect(keptStatus(stored!)).toEqual(status);
  });

  it('are validated again when kept by another version of the app, and dropped if they fail', () => {
    const older = { savedAt: 1, status: structuredClone(status), contract: 'an-older-one' };
    expect(keptStatus(older)).not.toBe(older.status);
    expect(keptStatus(older)).toEqual(status);
    const broken = { savedAt: 1, status: { ...status, results: 'none' } };
    expect(keptStatus(broken)).toBeNull();
  });
});

describe('kept cluster indexes', () => {
  it(`are the ${KEPT_CLUSTER_INDEXES} most recent: keeping one more deletes the oldest`, async () => {
    setApiKey('key-a', true);
    for (let i = 0; i <= KEPT_CLUSTER_INDEXES; i++)
      await saveClusterIndex(`index-${i}`, { n: i }, 1_000 + i);
    expect(await readClusterIndex('index-0')).toBeNull();
    for (let i = 1; i <= KEPT_CLUSTER_INDEXES; i++)
      expect(await readClusterIndex(`index-${i}`)).toEqual({ n: i });
  });

  it('read ahead are what the next read of that name gets, once, under the same key', async () => {
    setApiKey('key-a', true);
    await saveClusterIndex('run:a', { n: 1 });
    readClusterIndexAhead('run:a');
    await saveClusterIndex('run:a', { n: 2 });
    expect(await readClusterIndex('run:a')).toEqual({ n: 1 });
    expect(await readClusterIndex('run:a')).toEqual({ n: 2 });
    // Read ahead under one key, asked for under another: not that key's.
    readClusterIndexAhead('run:a');
    setApiKey('key-b', true);
    expect(await readClusterIndex('run:a')).toBeNull();
  });
});

describe('the store', () => {
  it('steps aside for a newer version of the app opened in another tab', async () => {
    setApiKey('key-a', true);
    await saveClusterIndex('open', { n: 1 });
    const upgrade = await new Promise<string>((resolve) => {
      const request = indexedDB.open('quiet-score', 99);
      request.onblocked = () => resolve('blocked');
      request.onsuccess = () => {
        request.result.close();
        resolve('opened');
      };
    });
    expect(upgrade).toBe('opened');
  });
});

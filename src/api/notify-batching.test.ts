import { notifyManager } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import './query-client';

const later = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("React Query's notifications", () => {
  it('those due in one task arrive in one, so React renders them together', async () => {
    const heard: string[] = [];
    // A poll: the usage chip's count as the body arrives, then the answer once parsed.
    notifyManager.batch(() =>
      notifyManager.schedule(() => {
        heard.push('usage');
        // React renders after a task's synchronous work: here, after both are heard.
        queueMicrotask(() => heard.push('render'));
      }),
    );
    notifyManager.batch(() => notifyManager.schedule(() => heard.push('answer')));
    await later();
    expect(heard).toEqual(['usage', 'answer', 'render']);
  });

  it('one that throws does not keep the others from being heard', async () => {
    const heard: string[] = [];
    const thrown: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => thrown.push(error));
    try {
      notifyManager.batch(() =>
        notifyManager.schedule(() => {
          throw new Error('a listener failed');
        }),
      );
      notifyManager.batch(() => notifyManager.schedule(() => heard.push('answer')));
      await later();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(heard).toEqual(['answer']);
    expect(thrown).toHaveLength(1);
  });
});

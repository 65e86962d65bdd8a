import { describe, expect, it } from 'vitest';
import type { PollDecision } from '@/features/session-monitor/lib/polling';
import { planNextPoll, runPollCost, type PollEntry } from './round-robin';

const every = (ms: number): PollDecision => ({ poll: true, delayMs: ms, reason: 'interval' });
const finished: PollDecision = { poll: false, reason: 'finished' };

/**
 * Runs the planner for `durationMs` of simulated time over sessions whose decisions come from
 * `decide` (by index and polls so far); returns each request's time and session.
 */
function simulate(
  n: number,
  durationMs: number,
  decide: (i: number, polls: number) => PollDecision,
) {
  const polls = Array.from({ length: n }, () => 0);
  const last = Array.from({ length: n }, () => 0);
  const sent: { at: number; index: number }[] = [];
  let state = { cursor: -1, lastRequestAt: -Infinity };
  for (;;) {
    const entries: PollEntry[] = polls.map((p, i) => ({
      decision: decide(i, p),
      lastAttemptAt: last[i] as number,
    }));
    const plan = planNextPoll(entries, state);
    if (!plan || plan.at > durationMs) return sent;
    sent.push(plan);
    polls[plan.index] = (polls[plan.index] as number) + 1;
    last[plan.index] = plan.at + 50; // the answer takes 50 ms
    state = { cursor: plan.index, lastRequestAt: plan.at };
  }
}

describe('the round-robin poll scheduler', () => {
  it('sends at most one request per second however many sessions run', () => {
    const sent = simulate(20, 60_000, () => every(5_000));
    expect(sent.length).toBeLessThanOrEqual(61);
    expect(sent.length).toBeGreaterThanOrEqual(59);
    for (let i = 1; i < sent.length; i++)
      expect(
        (sent[i] as { at: number }).at - (sent[i - 1] as { at: number }).at,
      ).toBeGreaterThanOrEqual(1_000);
  });

  it('takes the sessions in turn: each polled equally often', () => {
    const sent = simulate(20, 60_000, () => every(5_000));
    const counts = Array.from({ length: 20 }, (_, i) => sent.filter((s) => s.index === i).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(sent.slice(0, 20).map((s) => s.index)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('keeps each session to its own interval when few run', () => {
    const sent = simulate(2, 60_000, () => every(10_000));
    // Two sessions every 10 s: 6 polls each in a minute (+ the first), not one a second.
    expect(sent.length).toBeLessThanOrEqual(14);
    const first = sent.filter((s) => s.index === 0).map((s) => s.at);
    for (let i = 1; i < first.length; i++)
      expect((first[i] as number) - (first[i - 1] as number)).toBeGreaterThanOrEqual(10_000);
  });

  it('skips finished sessions, and polls a session that finished no more', () => {
    const sent = simulate(4, 30_000, (i, polls) =>
      i % 2 === 0 || polls > 0 ? finished : every(2_000),
    );
    // Sessions 0 and 2 were finished from the start (never polled); 1 and 3 finish on their first.
    expect(sent.map((s) => s.index)).toEqual([1, 3]);
  });

  it('honours a session backing off or waiting for Retry-After without holding the others', () => {
    const sent = simulate(3, 20_000, (i) =>
      i === 0 ? { poll: true, delayMs: 15_000, reason: 'retry-after' } : every(2_000),
    );
    const zero = sent.filter((s) => s.index === 0).map((s) => s.at);
    expect(zero.length).toBe(2);
    expect((zero[1] as number) - (zero[0] as number)).toBeGreaterThanOrEqual(15_000);
    expect(sent.filter((s) => s.index === 1).length).toBeGreaterThan(5);
  });

  it('a forced round polls finished sessions too, once each', () => {
    const entries: PollEntry[] = [
      { decision: finished, lastAttemptAt: 1, forced: true },
      { decision: finished, lastAttemptAt: 1 },
    ];
    expect(planNextPoll(entries, { cursor: -1, lastRequestAt: 0 })).toEqual({
      index: 0,
      at: 1_000,
    });
    expect(planNextPoll([entries[1] as PollEntry], { cursor: -1, lastRequestAt: 0 })).toBeNull();
  });

  it('says what watching costs', () => {
    expect(runPollCost(20, 5_000)).toBe(60);
    expect(runPollCost(2, 10_000)).toBe(12);
    expect(runPollCost(0, 5_000)).toBe(0);
    expect(runPollCost(3, null)).toBe(0);
  });
});

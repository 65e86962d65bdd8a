import type { Plan } from '../../src/contract/schemas';

export interface PlanLimits {
  /** API requests per billing month; -1 = unlimited. */
  monthlyCalls: number;
  /** Active listings; -1 = unlimited. */
  maxListings: number;
  /** Permanent deletion cap (20% of max listings); -1 = unlimited. */
  maxDeletions: number;
  /** A listing older than this is recomputed on the next quietness call. */
  refreshDays: number;
}

const DAY_MS = 86_400_000;

/** The documented plan table (docs/api.md, "Plans and limits"). */
export const PLANS: Record<Plan, PlanLimits> = {
  trial: { monthlyCalls: 100, maxListings: 100, maxDeletions: 20, refreshDays: 1 },
  insight: { monthlyCalls: 50_000, maxListings: 10_000, maxDeletions: 2_000, refreshDays: 30 },
  intelligence: {
    monthlyCalls: 500_000,
    maxListings: 100_000,
    maxDeletions: 20_000,
    refreshDays: 7,
  },
  enterprise: { monthlyCalls: -1, maxListings: -1, maxDeletions: -1, refreshDays: 1 },
};

export function refreshMs(plan: Plan): number {
  return PLANS[plan].refreshDays * DAY_MS;
}

/** The seeded demo accounts of our contract: one per plan. */
export const DEMO_KEYS: Record<Plan, string> = {
  trial: 'demo-trial',
  insight: 'demo-insight',
  intelligence: 'demo-intelligence',
  enterprise: 'demo-enterprise',
};

/** UTC calendar months are the billing periods. */
export function periodStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function nextPeriodStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export function dayStart(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS;
}

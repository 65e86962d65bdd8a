import { describe, expect, it } from 'vitest';
import { formatCount, milesAndKm } from './units';

describe('milesAndKm', () => {
  it('shows both units', () => {
    expect(milesAndKm(0.72)).toBe('0.72 mi (1.16 km)');
    expect(milesAndKm(0)).toBe('0.00 mi (0.00 km)');
  });
});

describe('formatCount', () => {
  it('separates thousands the same way whatever the browser’s language', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(-2500)).toBe('-2,500');
  });
});

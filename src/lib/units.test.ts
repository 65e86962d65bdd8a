import { describe, expect, it } from 'vitest';
import { milesAndKm } from './units';

describe('milesAndKm', () => {
  it('shows both units', () => {
    expect(milesAndKm(0.72)).toBe('0.72 mi (1.16 km)');
    expect(milesAndKm(0)).toBe('0.00 mi (0.00 km)');
  });
});

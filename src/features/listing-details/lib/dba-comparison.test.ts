import { describe, expect, it } from 'vitest';
import { everydayComparison } from './dba-comparison';

describe('everydayComparison', () => {
  it.each([
    [20, /recording studio/],
    [30, /whisper/],
    [35, /library/],
    [42.5, /residential street/],
    [48.2, /quiet office/],
    [60, /conversation/],
    [73.5, /vacuum/],
    [80, /traffic/],
    [95, /factory/],
  ])('%f dBA is %s', (db, text) => {
    expect(everydayComparison(db)).toMatch(text);
  });

  it('is monotonic at the boundaries', () => {
    expect(everydayComparison(44.99)).not.toBe(everydayComparison(45));
  });
});

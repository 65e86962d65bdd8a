import { describe, expect, it } from 'vitest';
import { sessionStatusResponse } from '@/contract/schemas';
import { DOCUMENTED } from '@/contract/fixtures/documented-examples';
import type { Listing } from '@/contract/schemas';
import { colorScale, NOT_ANALYZED } from '@/lib/color-modes';
import { toRows, withAnalysis } from '@/lib/results';
import { FAILED_COLOR } from '@/lib/score-bands';
import { statusPayload } from '@/test/session-fixtures';
import { MAP_COLORS } from './map-theme';
import { pinStyle, pinTooltip } from './pin-style';

const plain = { selected: false, hovered: false, deleted: false };
const rows = toRows(sessionStatusResponse.parse(statusPayload(20)).results ?? []);
const scored = rows.find((r) => r.band !== null)!;
const failed = rows.find((r) => r.band === null)!;

describe('pinStyle', () => {
  it('fills a scored pin with its band color and rings a failed one', () => {
    expect(pinStyle(scored, plain)).toMatchObject({ fill: scored.band!.color, dashed: false });
    expect(pinStyle(failed, plain)).toMatchObject({ fill: null, stroke: FAILED_COLOR });
    expect(pinStyle(scored, { ...plain, deleted: true })).toMatchObject({ dashed: true });
  });

  it('hands back the same pin for a row in its plain state, poll after poll', () => {
    const first = pinStyle(scored, plain);
    expect(pinStyle(scored, plain)).toBe(first);
    // The same row in new rows (the next poll) keeps its pin.
    const next = toRows(sessionStatusResponse.parse(statusPayload(20)).results ?? []);
    expect(next[scored.index]).not.toBe(scored);
    expect(pinStyle(next[scored.index]!, plain)).toEqual(first);
  });

  it('draws a selected or hovered pin larger and in front, and forgets it once plain again', () => {
    const before = pinStyle(scored, plain);
    const selected = pinStyle(scored, { ...plain, selected: true });
    expect(selected.radius).toBeGreaterThan(before.radius);
    expect(selected.front).toBe(true);
    expect(pinStyle(scored, { ...plain, hovered: true }).front).toBe(true);
    expect(pinStyle(scored, plain)).toBe(before);
  });

  it('follows the color mode: the night score’s band, or not loaded', () => {
    const listing = DOCUMENTED.quietnessSingle.response as Listing;
    const analyzed = withAnalysis(
      rows,
      new Map([[scored.selectionKey, { kind: 'ok' as const, listing }]]),
    );
    const night = colorScale('night', analyzed);
    const other = analyzed.find((r) => r.band && r !== analyzed[scored.index])!;
    const pin = pinStyle(analyzed[scored.index]!, plain, MAP_COLORS.light, night);
    // The documented night score, 65, is Quiet.
    expect(pin.fill).toBe(night.classes.find((c) => c.key === 'Quiet')!.color);
    expect(pinStyle(other, plain, MAP_COLORS.light, night).fill).toBe(NOT_ANALYZED.color);
    expect(pinStyle(failed, plain, MAP_COLORS.light, night).fill).toBeNull();
    expect(pinTooltip(analyzed[scored.index]!, false, night)).toContain('Night score: 65 · Quiet');
  });
});

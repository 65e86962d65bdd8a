import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HorizontalBars } from './horizontal-bars';

const rows = [
  { name: 'Successful', value: 30, color: '#0f766e' },
  { name: 'Failed', value: 10, color: '#64748b' },
  { name: 'Pending', value: 0, color: '#cbd5e1' },
];

const props = { rows, width: 240, height: 130, max: 40, labelWidth: 76, label: 'Outcomes' };

function bars(container: HTMLElement) {
  return [...container.querySelectorAll('rect')];
}

describe('HorizontalBars', () => {
  it('draws one bar per non-zero row, its length proportional to the value', () => {
    const { container } = render(<HorizontalBars {...props} />);
    const drawn = bars(container);
    expect(drawn).toHaveLength(2);
    expect(drawn.map((b) => b.style.fill)).toEqual(['rgb(15, 118, 110)', 'rgb(100, 116, 139)']);
    // Plot width: 240 − (8 + 76) − 36 = 120 px for 40 → 90 px and 30 px.
    const widths = drawn.map((b) => Number(b.getAttribute('width')));
    expect(widths).toEqual([90, 30]);
  });

  it('labels every row and writes every value, zero included', () => {
    const { container } = render(<HorizontalBars {...props} />);
    const texts = [...container.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(['Successful', '30', 'Failed', '10', 'Pending', '0']);
  });

  it('is one image to assistive technology, named by its text equivalent', () => {
    render(<HorizontalBars {...props} label="Outcomes: Successful 30, Failed 10, Pending 0." />);
    // An image's children are presentational: its labels and values are not read a second time.
    expect(
      screen.getByRole('img', { name: 'Outcomes: Successful 30, Failed 10, Pending 0.' }),
    ).toBeInTheDocument();
  });

  it('updates the bars when the values change', () => {
    const { container, rerender } = render(<HorizontalBars {...props} />);
    rerender(
      <HorizontalBars
        {...props}
        rows={rows.map((r) => ({ ...r, value: r.value + 10 }))}
        max={50}
        outlined
      />,
    );
    const drawn = bars(container);
    expect(drawn.map((b) => Number(b.getAttribute('width')))).toEqual([96, 48, 24]);
    expect(drawn.every((b) => b.classList.contains('stroke-slate-700'))).toBe(true);
  });
});

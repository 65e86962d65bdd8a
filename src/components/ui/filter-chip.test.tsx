import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FilterChip } from './filter-chip';

describe('FilterChip', () => {
  it('hands its own value to the one callback every chip shares', () => {
    const onToggle = vi.fn();
    render(
      <>
        <FilterChip
          label="Quiet"
          color="#4575b4"
          pressed={false}
          value="Quiet"
          onToggle={onToggle}
        />
        <FilterChip label="Noisy" color="#d73027" pressed value="Noisy" onToggle={onToggle} />
      </>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Noisy' }));
    fireEvent.click(screen.getByRole('button', { name: 'Quiet' }));
    expect(onToggle.mock.calls).toEqual([['Noisy'], ['Quiet']]);
    expect(screen.getByRole('button', { name: 'Noisy' })).toHaveAttribute('aria-pressed', 'true');
  });
});

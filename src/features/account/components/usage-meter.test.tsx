import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UsageMeter } from './usage-meter';

describe('UsageMeter', () => {
  it('shows used of max with no warning below 80%', () => {
    render(<UsageMeter label="API calls" used={4250} max={50000} />);
    expect(screen.getByRole('meter', { name: 'API calls' })).toHaveAttribute(
      'aria-valuetext',
      '4,250 of 50,000',
    );
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('warns at 80% and more', () => {
    render(<UsageMeter label="Listings" used={80} max={100} />);
    expect(screen.getByRole('status')).toHaveTextContent('80% used: close to the limit.');
  });

  it('says when the limit is reached', () => {
    render(<UsageMeter label="Deletions" used={20} max={20} />);
    expect(screen.getByRole('status')).toHaveTextContent('Limit reached.');
  });

  it('reads -1 as unlimited and never warns', () => {
    render(<UsageMeter label="Calls" used={1_000_000} max={-1} />);
    expect(screen.getByText('1,000,000 of unlimited')).toBeInTheDocument();
    expect(screen.queryByRole('status')).toBeNull();
  });
});

import { useEffect, useRef, useState } from 'react';
import { sessionPhase } from '@/contract/schemas';
import { crossedMilestone } from '../lib/summaries';

export interface ProgressAnnouncerProps {
  pct: number;
  status: string;
}

/** A polite live region: progress at 25/50/75/100% and the end state, once each. */
export function ProgressAnnouncer({ pct, status }: ProgressAnnouncerProps) {
  const previous = useRef<{ pct: number; phase: string } | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    const phase = sessionPhase(status);
    const prev = previous.current;
    previous.current = { pct, phase };
    if (!prev) return;
    if (phase !== prev.phase && (phase === 'completed' || phase === 'failed')) {
      setMessage(
        phase === 'completed'
          ? `Session completed: ${pct}% processed.`
          : 'The session failed as a whole.',
      );
      return;
    }
    const milestone = crossedMilestone(prev.pct, pct);
    if (milestone !== null) setMessage(`${milestone}% of the session processed.`);
  }, [pct, status]);
  return (
    <div aria-live="polite" role="status" className="sr-only">
      {message}
    </div>
  );
}

import { Button } from '@/components/ui/button';
import type { AnalysisOutcome } from '@/lib/analysis';
import type { AnalysisState } from '../lib/use-full-analysis';

export interface FullAnalysisBarProps {
  state: AnalysisState;
  outcomes: ReadonlyMap<string, AnalysisOutcome>;
  listings: number;
  missing: number;
  calls: number;
  onLoad: () => void;
  onCancel: () => void;
}

/**
 * "Load full analysis": the day and night scores, estimated dBA and noise sources of every
 * listing, with what it costs said first, its progress, and Cancel.
 */
export function FullAnalysisBar(props: FullAnalysisBarProps) {
  const { state, outcomes, listings, missing, calls } = props;
  if (listings === 0) return null;
  const failed = [...outcomes.values()].filter((o) => o.kind !== 'ok').length;
  const loaded = outcomes.size - failed;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-slate-700">
      {state.status === 'loading' ? (
        <>
          <progress
            aria-label="Loading the full analysis"
            max={state.total}
            value={state.done}
            className="h-2 w-40"
          />
          <span className="tabular-nums">
            {state.done} of {state.total} listings
          </span>
          <Button onClick={props.onCancel}>Cancel</Button>
        </>
      ) : (
        <>
          <span>
            Full analysis (day and night, estimated dBA, noise sources — modeled, not measured):{' '}
            {loaded} of {listings} listings
            {failed > 0 && `, ${failed} unavailable`}.
          </span>
          {missing > 0 && (
            <Button onClick={props.onLoad}>
              Load the rest ≈ {calls} API call{calls === 1 ? '' : 's'} for {missing} listing
              {missing === 1 ? '' : 's'}
            </Button>
          )}
          {state.status === 'error' && (
            <span role="alert" className="text-red-800">
              Stopped: {state.message}
            </span>
          )}
        </>
      )}
    </div>
  );
}

import { LOCATION_ERRORS } from '../contract/schemas';

export interface ErrorExplanation {
  meaning: string;
  action: string;
}

const EXPLANATIONS: Record<string, ErrorExplanation> = {
  [LOCATION_ERRORS.unscorable]: {
    meaning:
      'The score could not be computed for these locations — typically points at sea or where there is no map data.',
    action:
      'Check that the coordinates are on land and that latitude and longitude are not swapped.',
  },
  [LOCATION_ERRORS.listingLimit]: {
    meaning:
      'Your plan’s cap on active listings was reached while the session ran, so these locations were not scored.',
    action:
      'Delete listings you no longer need, or upgrade your plan, then resubmit these locations.',
  },
};

const UNKNOWN: ErrorExplanation = {
  meaning:
    'The API reported this error for these locations; it is not one of the documented messages.',
  action:
    'Retry these locations later; if it persists, contact Calmyx support with the session ID.',
};

/** What a per-location error means and what the user can do, in plain words. */
export function explainLocationError(error: string): ErrorExplanation {
  return EXPLANATIONS[error] ?? UNKNOWN;
}

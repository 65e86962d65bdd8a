import { loadGeoData } from './geodata';
import { createScoringModel, type ScoringModel } from './model';

/** Loads the cached geodata from `dataDir` (extracting it on first use) and builds the model. */
export function loadScoringModel(dataDir: string): ScoringModel {
  return createScoringModel(loadGeoData(dataDir));
}

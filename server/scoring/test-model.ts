import path from 'node:path';
import { loadScoringModel } from './load';
import type { ScoringModel } from './model';

let model: ScoringModel | null = null;

/** One model for all tests, its geodata cached under .cache/ (gitignored) across runs. */
export function testModel(): ScoringModel {
  model ??= loadScoringModel(path.resolve(import.meta.dirname, '../../.cache/test-data'));
  return model;
}

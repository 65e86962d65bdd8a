// Child of bench/scoring.ts: loads the model from a warm cache in a clean process and reports.
import { loadScoringModel } from '../server/scoring/load';

const t0 = performance.now();
loadScoringModel(process.argv[2] ?? '.cache/bench-data');
const loadMs = performance.now() - t0;
globalThis.gc?.();
console.log(JSON.stringify({ loadMs, rssMb: process.memoryUsage().rss / 1e6 }));

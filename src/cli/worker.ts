// A worker thread of a batch build: one job in, one outcome out (see batch.ts).
import { parseTuning, setTuning } from '../pdf/tuning/registry.js';

// The main thread has checked the value (main.ts); a worker inherits the environment.
setTuning(parseTuning(process.env.BRIEFING_TUNING));

export { runJob as default } from './batch.js';

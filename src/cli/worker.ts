// A worker thread of a batch build: one job in, one outcome out (see batch.ts).
export { runJob as default } from './batch.js';

/**
 * Run by launch.ts, in the background, the first time a build could
 * start from a snapshot and none is there yet (cache.ts): makes it for the
 * bundles beside this file, for the next builds.
 */
import { fileURLToPath } from 'node:url';
import { makeSnapshot, snapshotPlace } from './cache.js';

const place = snapshotPlace(fileURLToPath(new URL('.', import.meta.url)));
if (place) makeSnapshot(place);

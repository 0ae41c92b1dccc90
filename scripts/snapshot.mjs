// Makes the CLI's startup snapshot for this build, with the Node that runs
// `npm run build`, into the user's cache (src/startup/cache.ts), so that the
// first `npm start` already starts from it. An installed package makes its
// own on first use (bin/briefing.js). A Node that cannot make one leaves the
// CLI as it was: it then runs from the bundled modules, slower to start but
// the same. BRIEFING_SNAPSHOT=0 skips it.
import { fileURLToPath } from 'node:url';
import { makeSnapshot, snapshotPlace } from '../dist/snapshot-cache.mjs';

if (process.env.BRIEFING_SNAPSHOT !== '0') {
  const place = snapshotPlace(fileURLToPath(new URL('../dist/', import.meta.url)));
  const outcome = place ? makeSnapshot(place) : { made: false, reason: 'dist/snapshot.json is missing' };
  if (outcome.made) console.log(`briefing: startup snapshot made in ${outcome.seconds.toFixed(1)} s (${place.blob})`);
  else console.warn(`briefing: no startup snapshot (${outcome.reason}); the CLI works, but starts slower.`);
}

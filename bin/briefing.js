#!/usr/bin/env node
// The CLI, bundled into one file at install time (scripts/bundle.mjs) so it starts fast.
import { main } from '../dist/cli.bundle.mjs';

process.exitCode = await main(process.argv.slice(2));

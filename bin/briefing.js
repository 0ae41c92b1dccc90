#!/usr/bin/env node
// Starts the CLI. How (here, or in a second Node started from the startup snapshot for one briefing) is
// src/startup/launch.ts's to say.
import { launch } from '../dist/launch.mjs';

process.exitCode = await launch(process.argv.slice(2));

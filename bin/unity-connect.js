#!/usr/bin/env node
// The command from the sources, for working in the clone (npm start, the tests): runs
// src/cli-shell/main.ts through tsx's loader, so an edit needs no build. The installed package's
// command is dist/cli-shell/main.js (package.json "bin"), plain node; this file does not ship.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli-shell/main.ts');

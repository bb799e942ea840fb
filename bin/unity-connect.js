#!/usr/bin/env node
// Launcher: runs the TypeScript command-line program through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli-shell/main.ts');

// `npm run statecharts`: writes docs/statecharts/ from the machines registered in src/machines.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machines } from '../src/machines/index.ts';
import { statechartFilesWithPictures } from '../src/machines/diagram/statechart-files.ts';

const outDir = fileURLToPath(new URL('../docs/statecharts/', import.meta.url));
const files = await statechartFilesWithPictures(machines);
mkdirSync(outDir, { recursive: true });
// A diagram of a machine no longer registered is stale: remove it.
for (const name of readdirSync(outDir)) if (/\.(mmd|svg)$/.test(name) && !files.has(name)) rmSync(outDir + name);
for (const [name, text] of files) writeFileSync(outDir + name, text);
console.log(`statecharts: wrote ${[...files.keys()].join(', ')} to docs/statecharts/`);

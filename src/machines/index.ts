import { connectionMachine } from './connection/connection-machine.ts';
import { startupMachine } from './startup/startup-machine.ts';
export {};
export * from './protocol-selection/index.ts';
export * from './core.ts';
// Every statechart of the core, by name: docs/statecharts is generated from this (npm run statecharts).
export const machines = { connection: connectionMachine, startup: startupMachine };

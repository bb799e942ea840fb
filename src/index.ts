export {};
export * from './machines/protocol-selection/index.ts';
export { replay, type ReplayOptions, type ReplayResult } from './machines/replay/replay.ts';
export * from './cli-shell/client/index.ts';
export * from './cli-shell/shell/index.ts';

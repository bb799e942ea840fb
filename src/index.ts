export {};
export * from './machines/protocol-selection/index.ts';

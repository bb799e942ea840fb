export {};
export * from './protocol-selection/index.ts';

// unity-connect: the client (src/client's public API) and the pure protocol-selection rules.
export * from './machines/protocol-selection/index.ts';
export * from './client/index.ts';

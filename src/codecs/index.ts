export {};
export * from './errors.ts';
export * from './result.ts';
export * from './xml/index.ts';
export * from './text/index.ts';
export * from './framing/index.ts';
export * from './oci/index.ts';
export * from './cap/index.ts';

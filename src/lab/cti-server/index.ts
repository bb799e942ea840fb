export { startCtiServer } from './cti-server.ts';
export type { CtiServer, CtiServerOptions } from './cti-server.ts';

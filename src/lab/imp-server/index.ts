export { startImpServer } from './imp-server.ts';
export type { ImpServer, ImpServerOptions, ImpDirectoryUser } from './imp-server.ts';

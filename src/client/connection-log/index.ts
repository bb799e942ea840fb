// ConnectionLog.txt (issue 6; seed §5.1) rendered from the JSON Lines event log.
export { renderConnectionLog, type ConnectionLogOptions } from './render-connection-log.ts';
export type { ConnectionLogLine, LoggedConnection } from './connection-log-line.ts';

// ConnectionLog.txt (issue 6; seed §5.1) rendered from the JSON Lines event log.
export { createConnectionLogRenderer, renderConnectionLog, type ConnectionLogOptions, type ConnectionLogRenderer } from './render-connection-log.ts';
export { STREAMED_WIDTHS, formatLines, type ConnectionLogLine, type FormatOptions, type LoggedConnection } from './connection-log-line.ts';

export { LAB_HOSTS, LAB_LOOPBACK, labHostMap, resolveLabHost, hostMapLookup } from './hosts.ts';
export type { LabHostMap, LabHostRole } from './hosts.ts';
export { parseLabFault, LabFaultError, LAB_FAULT_TYPES } from './faults.ts';
export type { LabFault, LabFaultType } from './faults.ts';
export type { LabServer } from './lab-server.ts';
export { startLabTcpServer } from './tcp-server.ts';
export type { LabTcpServer, LabTcpServerOptions, LabTlsOptions, LabTlsVersion } from './tcp-server.ts';
export type { LabConnection, LabProtocolSession, LabConnectionHandler } from './connection.ts';
export { findClosedPort } from './closed-port.ts';

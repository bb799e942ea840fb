// Effects: the only client-side I/O (DESIGN.md "Effects and drivers").
export type { NetFailure, NetFailureKind } from './net-failure.ts';
export { isNetFailure } from './net-failure.ts';
export type { Resolver, HostMapResolverOptions } from './resolver.ts';
export { createHostMapResolver, createSystemResolver } from './resolver.ts';
export type { ByteSocket, ByteSocketInfo, ByteSocketTlsInfo } from './byte-socket.ts';
export type { ConnectTcpOptions, SocketFactory } from './tcp-connect.ts';
export { connectTcp } from './tcp-connect.ts';
export type { TlsControls } from './tls-options.ts';
export type { UpgradeTlsOptions } from './tls-upgrade.ts';
export { upgradeTls } from './tls-upgrade.ts';

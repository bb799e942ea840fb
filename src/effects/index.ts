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
export type { HttpsAgentKey, HttpsAgentPoolOptions } from './https-agent-pool.ts';
export { HttpsAgentPool, createHttpsAgentPool } from './https-agent-pool.ts';
export type { HttpsExchangeOptions, HttpsResponseHead } from './https-exchange.ts';
export type { HttpsRequestOptions, HttpsResponse } from './https-request.ts';
export { httpsRequest } from './https-request.ts';
export type { HttpsStreamEvent } from './https-stream.ts';
export { httpsStream } from './https-stream.ts';

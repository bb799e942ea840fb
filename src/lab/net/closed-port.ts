import * as net from 'node:net';
import { LAB_LOOPBACK } from './hosts.ts';

/**
 * A loopback port on which nothing listens (the `cti-unreachable` scenario): taken from the OS
 * and released at once, so connects to it are refused.
 *
 * @example
 * const port = await findClosedPort(); // nothing listens there (a connect is refused)
 */
export async function findClosedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LAB_LOOPBACK, resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

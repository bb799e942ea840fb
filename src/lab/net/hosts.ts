// The lab's realistic names (issue 4, "Names and certificates"). The client reaches them through a
// host map it is given — nothing edits /etc/hosts.
import type { LookupFunction } from 'node:net';

export const LAB_LOOPBACK = '127.0.0.1';

/** Service role → FQDN used by the lab (the seed's roles: OCS, CTI, XSP, portal, IM&P, XMPP). */
export const LAB_HOSTS = {
  oci: 'ocs.lab.test',
  cti: 'cti.lab.test',
  xsi: 'xsp.lab.test',
  portal: 'portal.lab.test',
  imp: 'im.lab.test',
  xmpp: 'xmpp.lab.test',
} as const;

export type LabHostRole = keyof typeof LAB_HOSTS;
export type LabHostMap = Record<string, string>;

/**
 * Every lab FQDN → 127.0.0.1.
 *
 * @example
 * labHostMap()['ocs.lab.test']; // a loopback address
 */
export function labHostMap(): LabHostMap {
  return Object.fromEntries(Object.values(LAB_HOSTS).map((host) => [host, LAB_LOOPBACK]));
}

/**
 * Resolves a name through the map (case-insensitive); IP literals resolve to themselves.
 *
 * @example
 * resolveLabHost(lab.hostMap, 'cti.lab.test'); // '127.0.0.1'
 */
export function resolveLabHost(hostMap: LabHostMap, hostname: string): string | undefined {
  const key = hostname.toLowerCase().replace(/\.$/, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(key)) return key;
  return Object.entries(hostMap).find(([name]) => name.toLowerCase() === key)?.[1];
}

/**
 * A `lookup` for net.connect/tls.connect that answers from the host map only, so a test can
 * connect to `ocs.lab.test` (and verify the certificate against that name) without DNS.
 *
 * @example
 * net.connect({ host: 'ocs.lab.test', port, lookup: hostMapLookup(lab.hostMap) });
 */
export function hostMapLookup(hostMap: LabHostMap): LookupFunction {
  return (hostname, options, callback) => {
    const address = resolveLabHost(hostMap, hostname);
    if (address === undefined) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname} (not in the lab host map)`);
      error.code = 'ENOTFOUND';
      callback(error, '', 4);
      return;
    }
    if (options.all) {
      (callback as unknown as (err: null, addresses: { address: string; family: number }[]) => void)(null, [
        { address, family: 4 },
      ]);
      return;
    }
    callback(null, address, 4);
  };
}

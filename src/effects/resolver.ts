// Name resolution for effects. Tests and the lab map lab FQDNs to loopback with a host map; real
// DNS is used only when a caller configures it as the fallback.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { messages } from './failure-messages.ts';
import { netFailure } from './net-failure.ts';

/** Resolves a host name to an IP address; throws (or rejects with) a NetFailure of kind 'dns'. */
export type Resolver = (host: string) => string | Promise<string>;

export interface HostMapResolverOptions {
  /** Asked for names missing from the map; without it, a missing name is a 'dns' failure. */
  fallback?: Resolver;
}

const normalise = (host: string): string => host.trim().toLowerCase().replace(/\.$/, '');

/**
 * @example
 * const resolver = createHostMapResolver({ 'ocs.lab.test': '127.0.0.1' }, { fallback: createSystemResolver() });
 */
export function createHostMapResolver(map: Record<string, string>, options: HostMapResolverOptions = {}): Resolver {
  const table = new Map<string, string>();
  for (const [name, address] of Object.entries(map)) {
    if (isIP(address) === 0) throw new TypeError(`host map: "${name}" must map to an IP address, not "${address}"`);
    table.set(normalise(name), address);
  }
  return (host: string) => {
    if (isIP(host) !== 0) return host; // an address needs no resolution
    const hit = table.get(normalise(host));
    if (hit !== undefined) return hit;
    if (options.fallback) return options.fallback(host);
    throw netFailure('dns', { host, port: 0 }, messages.dns({ host, port: 0 }, 'not in the host map'), 'HOST_MAP_MISS');
  };
}

/**
 * Real DNS through the operating system (getaddrinfo). Only for real servers, never in tests.
 *
 * @example
 * const resolver = createSystemResolver(); // DNS through the operating system
 */
export function createSystemResolver(): Resolver {
  return async (host: string) => {
    if (isIP(host) !== 0) return host;
    const { address } = await lookup(host);
    return address;
  };
}

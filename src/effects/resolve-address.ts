// Runs a Resolver and turns every outcome into an IP address or a 'dns' NetFailure for host:port.
import { isIP } from 'node:net';
import { classifySocketError } from './classify-socket-error.ts';
import { messages } from './failure-messages.ts';
import { isNetFailure, netFailure, type NetFailure } from './net-failure.ts';
import type { Resolver } from './resolver.ts';

export type Resolution = { ok: true; address: string } | { ok: false; failure: NetFailure };

export async function resolveAddress(resolver: Resolver, host: string, port: number): Promise<Resolution> {
  const where = { host, port };
  try {
    const address = await resolver(host);
    // An address is required: a name here would make the socket layer do its own DNS lookup.
    if (typeof address !== 'string' || isIP(address) === 0) {
      return { ok: false, failure: netFailure('dns', where, messages.dns(where, 'the resolver gave no IP address'), 'BAD_RESOLUTION') };
    }
    return { ok: true, address };
  } catch (error) {
    if (isNetFailure(error)) {
      // The resolver's own words (e.g. "not in the host map") name the host, not the port: keep them.
      return { ok: false, failure: netFailure('dns', where, error.message, error.cause) };
    }
    const failure = classifySocketError(error, where);
    return {
      ok: false,
      failure: failure.kind === 'dns' ? failure : netFailure('dns', where, messages.dns(where, failure.cause), failure.cause),
    };
  }
}

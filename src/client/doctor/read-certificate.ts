// Reads the server certificate's names and validity (seed §4.1 "certificate host"; issue 6: warn
// before it expires). Verification stays on: the certificate is taken from the identity check Node
// runs after the chain was verified, so nothing unverified is ever used for data.
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { asyncScheduler, timer as after, type SchedulerLike } from 'rxjs';
import { resolveAddress } from '../../effects/resolve-address.ts';
import type { Resolver } from '../../effects/resolver.ts';
import { tlsConnectionOptions } from '../../effects/tls-options.ts';
import type { TlsVersion } from '../../machines/protocol-selection/types.ts';
import type { PeerCertificateFacts } from './types.ts';

export interface ReadCertificateOptions {
  host: string;
  port: number;
  servername: string;
  version?: TlsVersion;
  ca: string[];
  resolver: Resolver;
  timeoutMs: number;
  /** The bound runs on this scheduler (the doctor's like every effect's); default real time. */
  scheduler?: SchedulerLike;
}

export function certificateFacts(certificate: PeerCertificate): PeerCertificateFacts {
  const alt = (certificate.subjectaltname ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4));
  const cn = typeof certificate.subject?.CN === 'string' ? [certificate.subject.CN] : [];
  return { names: [...new Set([...alt, ...cn])], validFrom: certificate.valid_from, validTo: certificate.valid_to };
}

/** The leaf certificate's facts, or undefined when no verified certificate could be read. */
export async function readPeerCertificate(options: ReadCertificateOptions): Promise<PeerCertificateFacts | undefined> {
  const resolution = await resolveAddress(options.resolver, options.host, options.port);
  if (!resolution.ok) return undefined;
  const base = tlsConnectionOptions({ servername: options.servername, ca: options.ca, ...(options.version ? { version: options.version } : {}) });
  return new Promise((resolve) => {
    let facts: PeerCertificateFacts | undefined;
    const socket = tlsConnect({
      ...base,
      host: resolution.address,
      port: options.port,
      checkServerIdentity: (host, certificate) => {
        facts = certificateFacts(certificate);
        return base.checkServerIdentity?.(host, certificate);
      },
    });
    const done = (): void => {
      bound.unsubscribe();
      socket.destroy();
      resolve(facts);
    };
    const bound = after(options.timeoutMs, options.scheduler ?? asyncScheduler).subscribe(done);
    socket.once('secureConnect', done);
    socket.once('error', done);
    socket.once('close', done);
  });
}

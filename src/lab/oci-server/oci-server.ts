// The lab's BroadWorks Open Client Server: OCI-P and CAP on the same connection (seed §2.2),
// plain and TLS ports (the seed's 2208/2209 roles, ephemeral here), on the fault TCP base.
import { randomUUID } from 'node:crypto';
import { LAB_HOSTS } from '../net/hosts.ts';
import { startLabTcpServer, type LabTcpServer } from '../net/tcp-server.ts';
import type { LabServer } from '../net/lab-server.ts';
import type { LabFault } from '../net/faults.ts';
import { createPrng } from '../telephony/prng.ts';
import { createCapSession, type CapServerOptions } from './cap-session.ts';
import { OciDirectory } from './directory.ts';
import type { OciServerContext } from './oci-commands.ts';
import { OcsSession } from './ocs-session.ts';
import { DEFAULT_OCI_TIMEOUTS, releaseOf, type OciServerOptions } from './types.ts';

export interface OciLabServer extends LabServer {
  fault(fault: LabFault): Promise<void>;
  /** oci-p.md §6: push LogoutRequest to the sessions of `userId` (all when absent); returns how many. */
  pushLogout(userId?: string): number;
  /**
   * The next `count` CAP registrations are refused with a cause that is no credential problem
   * ("Service temporarily unavailable"), as a busy server refuses them.
   */
  failCapRegistrations(count?: number): void;
  /** Open OCS connections. */
  readonly sessionCount: number;
  /** Connections with a logged-in OCI session. */
  readonly loggedInCount: number;
  /** The underlying TCP server (fault flags, counters). */
  readonly tcp: LabTcpServer;
}

/**
 * @example
 * const oci = await startOciServer({ release: '22.0', users, telephony, tls: { certPem, keyPem } });
 * console.log(oci.endpoints.plain?.port);
 */
export async function startOciServer(options: OciServerOptions): Promise<OciLabServer> {
  const prng = createPrng(`oci-nonce:${options.seed ?? randomUUID()}`);
  const directory = new OciDirectory(options.users, options.telephony);
  const ctx: OciServerContext = {
    directory,
    releaseText: options.release,
    release: releaseOf(options.release),
    userMayReadRelease: options.userMayReadRelease ?? true,
    cleartextLogin: options.cleartextLogin ?? 'tls-only',
    // oci-p.md §5.1 test vector shape: a 13-digit decimal nonce.
    nextNonce: () => String(prng.int(1_000_000, 9_999_999)) + String(prng.int(100_000, 999_999)),
  };
  let capRefusals = 0;
  const capOptions: CapServerOptions = {
    refuseRegistration: () => (capRefusals > 0 ? (capRefusals--, true) : false),
    directory,
    telephony: options.telephony,
    serverStatusReply: options.capServerStatusReply ?? false,
    nextNonce: ctx.nextNonce,
    ...(options.onError ? { onError: options.onError } : {}),
  };
  const sessions = new Set<OcsSession>();
  const tcp = await startLabTcpServer({
    name: 'oci',
    host: options.host ?? LAB_HOSTS.oci,
    plain: options.plain ?? true,
    // Unfinished TLS handshakes are dropped after tlsHandshakeMs (see OciServerTimeouts).
    ...(options.tls ? { tls: { handshakeTimeoutMs: options.timeouts?.tlsHandshakeMs ?? DEFAULT_OCI_TIMEOUTS.tlsHandshakeMs, ...options.tls } } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    onConnection: (connection) => {
      const session = new OcsSession(connection, ctx, {
        createCap: (conn, oci) => createCapSession(conn, oci, capOptions),
        ...(options.declarationNewline === true ? { declarationNewline: true } : {}),
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
        ...(options.onError ? { onError: options.onError } : {}),
      });
      sessions.add(session);
      return {
        onData: (chunk) => session.onData(chunk),
        onClose: () => {
          sessions.delete(session);
          session.onClose();
        },
      };
    },
  });

  return {
    name: tcp.name,
    host: tcp.host,
    endpoints: tcp.endpoints,
    tcp,
    fault: (fault) => tcp.fault(fault),
    stop: () => tcp.stop(),
    get sessionCount() {
      return sessions.size;
    },
    get loggedInCount() {
      return [...sessions].filter((s) => s.loggedInUserId !== null).length;
    },
    failCapRegistrations(count = 1) {
      capRefusals = count;
    },
    pushLogout(userId) {
      let pushed = 0;
      for (const session of [...sessions]) {
        const own = session.loggedInUserId;
        if (own === null || (userId !== undefined && own.toLowerCase() !== userId.toLowerCase())) continue;
        if (session.pushLogout()) pushed += 1;
      }
      return pushed;
    },
  };
}

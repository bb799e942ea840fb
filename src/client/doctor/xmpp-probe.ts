// The XMPP half of the doctor: the client's own XMPP engine opens a stream to the domain, asks for
// STARTTLS (RFC 6120 §5) and secures the same connection for the domain's name, reads the SASL
// mechanisms the server offers (and the XEP-0440 binding types), and says which one the client
// would use (RFC 6120 §6). With the user's password it also logs in, so a refused login is found
// here, with the server's own reason, and not at start-up.
import { randomBytes } from 'node:crypto';
import { concatMap, firstValueFrom, tap } from 'rxjs';
import { chooseSaslMechanism } from '../../adapters/xmpp/sasl-mechanism-choice.ts';
import { createXmppSession, type UpgradeTls } from '../../adapters/xmpp/session.ts';
import { XmppFailure } from '../../adapters/xmpp/failure.ts';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import { isNetFailure, type NetFailure } from '../../effects/net-failure.ts';
import { upgradeTls } from '../../effects/tls-upgrade.ts';

export type XmppProbe =
  /** The stream could not be opened (not an XMPP server, or it closed). */
  | { stage: 'stream'; message: string }
  /** No STARTTLS offered, refused, or the TLS handshake failed (`failure` from the TLS effect). */
  | { stage: 'starttls'; message: string; failure?: NetFailure }
  | {
      stage: 'secured';
      version: string;
      mechanisms: string[];
      /** XEP-0440 list, or null when the server gives none. */
      channelBindings: string[] | null;
      /** What the client would use, or null when nothing offered may be used. */
      choice: string | null;
      /** How the login went, or why it was not tried. */
      login: { ok: true; used: string } | { ok: false; code: string; message: string } | { skipped: string };
    };

export interface XmppProbeOptions {
  socket: ByteSocket;
  domain: string;
  /** Log in as the user's XMPP id with the password, or why not. Used once, never kept. */
  login: { jid: string; password: string } | { skip: string };
  ca: string[];
  timeoutMs: number;
}

const describeChoice = (used: { mechanism: string; gs2Flag: string | null; channelBinding: string | null }): string =>
  used.channelBinding !== null ? `${used.mechanism} bound with ${used.channelBinding}` : used.mechanism;

/**
 * Runs the XMPP check on a connected socket; never throws, always closes the socket.
 *
 * @example
 * const result = await probeXmpp({ socket, domain: 'xmpp.example.com', login: { skip: 'no password given' }, ca: [], timeoutMs: 3000 });
 * if (result.stage === 'secured') console.log(result.mechanisms, result.choice);
 */
export async function probeXmpp(options: XmppProbeOptions): Promise<XmppProbe> {
  let secured: ByteSocket | null = null;
  const capture: UpgradeTls = (socket, o) => upgradeTls(socket, o).pipe(tap((s) => (secured = s)));
  const session = createXmppSession({
    // Without a login only the domain matters (the stream's `to`); the local part is a placeholder.
    jid: 'jid' in options.login ? options.login.jid : `doctor@${options.domain}`,
    resource: `unity-doctor-${randomBytes(4).toString('hex')}`,
    ca: options.ca,
    random: (n) => randomBytes(n),
    upgradeTls: capture,
    timeouts: { stepMs: options.timeoutMs, tlsMs: options.timeoutMs, closeMs: 500 },
  });
  try {
    try {
      await firstValueFrom(session.open(options.socket));
    } catch (error) {
      return { stage: 'stream', message: error instanceof Error ? error.message : 'the XMPP stream could not be opened' };
    }
    let offered;
    try {
      offered = await firstValueFrom(session.startTls());
    } catch (error) {
      const cause = error instanceof XmppFailure ? error.cause : undefined;
      return {
        stage: 'starttls',
        message: error instanceof Error ? error.message : 'STARTTLS failed',
        ...(isNetFailure(cause) ? { failure: cause } : {}),
      };
    }
    const socket: ByteSocket | null = secured;
    const choice = chooseSaslMechanism({
      offered: offered.features.mechanisms,
      secure: true,
      tlsVersion: offered.version,
      serverBindings: offered.features.channelBindings ?? undefined,
      channelBinding: socket === null ? undefined : (type) => (socket as ByteSocket).channelBinding?.(type) ?? null,
    });
    const login = options.login;
    const result: Extract<XmppProbe, { stage: 'secured' }> = {
      stage: 'secured',
      version: offered.version ?? 'unknown',
      mechanisms: offered.features.mechanisms,
      channelBindings: offered.features.channelBindings,
      choice:
        choice === null
          ? null
          : describeChoice({
              mechanism: choice.mechanism,
              gs2Flag: choice.mechanism === 'PLAIN' ? null : choice.channelBinding.flag,
              channelBinding: choice.mechanism !== 'PLAIN' && choice.channelBinding.flag === 'p' ? choice.channelBinding.type : null,
            }),
      login: 'skip' in login ? { skipped: login.skip } : { skipped: 'no usable SASL mechanism' },
    };
    if ('skip' in login || choice === null) return result;
    try {
      await firstValueFrom(session.authenticate({ password: login.password }).pipe(concatMap(() => session.close())), { defaultValue: undefined });
      result.login = { ok: true, used: session.sasl ? describeChoice(session.sasl) : 'SASL' };
    } catch (error) {
      result.login = error instanceof XmppFailure ? { ok: false, code: error.code, message: error.message } : { ok: false, code: 'error', message: 'the XMPP login failed' };
    }
    return result;
  } finally {
    session.destroy();
  }
}

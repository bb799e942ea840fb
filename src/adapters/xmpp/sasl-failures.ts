// SASL <failure/> (RFC 6120 §6.5) as a message a person can act on, with the server's own <text/>.
// `temporary-auth-failure` is worth retrying later; every other condition needs the user or an
// administrator, so the engine reports it and does not retry.
import { XmppFailure } from './failure.ts';
import type { ScramChannelBinding } from './scram.ts';
import type { SaslMechanism } from './sasl-mechanism-choice.ts';
import { withServerText } from './server-text.ts';

export interface SaslFailureFacts {
  condition: string;
  text: string | undefined;
  /** The bare JID logging in and its domain. */
  jid: string;
  domain: string;
  mechanism: SaslMechanism;
  /** The GS2 flag sent (SCRAM only). */
  channelBinding?: ScramChannelBinding['flag'];
  bindingType?: string;
}

function describe(f: SaslFailureFacts): string {
  const refused = `the XMPP server ${f.domain} refused the login of ${f.jid} with ${f.mechanism}`;
  switch (f.condition) {
    case 'not-authorized':
      return `${refused} (not-authorized): the password is wrong for this XMPP account, or the account does not exist on the server; check the password, or ask the XMPP administrator whether ${f.jid} exists`;
    case 'account-disabled':
      return `${refused} (account-disabled): the account is disabled; ask the XMPP administrator to enable it`;
    case 'credentials-expired':
      return `${refused} (credentials-expired): the password has expired; change it, then log in again`;
    case 'encryption-required':
      return `${refused} (encryption-required): the server wants this mechanism over a stronger encryption than this connection has; the XMPP administrator should check its TLS settings`;
    case 'incorrect-encoding':
    case 'invalid-authzid':
      return `${refused} (${f.condition}): it could not read this client's login data; send the connection log to the client's support`;
    case 'invalid-mechanism':
      return `${refused} (invalid-mechanism): it offered ${f.mechanism} but does not accept it; the XMPP administrator should check the server's SASL mechanisms`;
    case 'mechanism-too-weak':
      return `${refused} (mechanism-too-weak): it wants a stronger mechanism than the ones it offered this client; the XMPP administrator should offer SCRAM-SHA-256 or SCRAM-SHA-512`;
    case 'malformed-request':
      // RFC 5802 §6: `y` says "I could bind, but you offered no -PLUS"; a server that can bind
      // takes that as a stripped offer (a downgrade) and must refuse.
      if (f.channelBinding === 'y') {
        return `${refused} (malformed-request): the server supports channel binding but offered no SCRAM-…-PLUS mechanism, which to this client looks like an attack that removed them, so the login was stopped; the XMPP administrator should offer the -PLUS mechanisms again, or turn channel binding off completely`;
      }
      if (f.channelBinding === 'p') {
        return `${refused} (malformed-request): it did not accept the channel binding ${f.bindingType ?? ''} of this TLS connection; if there is a TLS proxy between this computer and the server, it breaks channel binding; otherwise the XMPP administrator should check the server's channel-binding support`;
      }
      return `${refused} (malformed-request): it could not read this client's login data; send the connection log to the client's support`;
    case 'temporary-auth-failure':
      return `the XMPP server ${f.domain} could not check the login of ${f.jid} just now (temporary-auth-failure); this client tries again`;
    case 'aborted':
      return `the XMPP server ${f.domain} aborted the login of ${f.jid} (aborted); this client tries again`;
    default:
      return `${refused} (${f.condition.slice(0, 64)})`;
  }
}

/**
 * The typed failure for a SASL <failure/>; never contains the password or a SASL payload.
 *
 * @example
 * saslFailure({ condition: 'account-disabled', text: undefined, jid: 'ann@example.com', domain: 'example.com', mechanism: 'SCRAM-SHA-256' });
 * // XmppFailure code 'auth-failed', condition 'account-disabled'
 */
export function saslFailure(facts: SaslFailureFacts): XmppFailure {
  const temporary = facts.condition === 'temporary-auth-failure' || facts.condition === 'aborted';
  return new XmppFailure(temporary ? 'auth-temporary-failure' : 'auth-failed', withServerText(describe(facts), facts.text), {
    condition: facts.condition,
  });
}

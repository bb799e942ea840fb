// SASL negotiation (RFC 6120 §6): the strongest offered mechanism (sasl-mechanism-choice.ts) —
// SCRAM-SHA-512/256/1 with channel binding when the connection and the server allow it, else
// without, and PLAIN only over TLS when no SCRAM is offered. A <failure/> is reported with its
// condition and text (sasl-failures.ts) and never retried here.
import { concatMap, from, map, Observable, of } from 'rxjs';
import type { TlsChannelBindingType } from '../../effects/tls-channel-binding.ts';
import { XmppFailure } from './failure.ts';
import { NS_SASL } from './namespaces.ts';
import { saslFailure } from './sasl-failures.ts';
import { chooseSaslMechanism, type SaslChoice, type SaslMechanism } from './sasl-mechanism-choice.ts';
import { ScramFailure, scramStart } from './scram.ts';
import { saslAuth, saslResponse } from './stanzas.ts';
import type { StreamPort } from './stream-port.ts';
import { childElements, findChild, textOf, type XmlElement } from './xml-element.ts';

export type { SaslMechanism } from './sasl-mechanism-choice.ts';

/** How the login went: the mechanism, and the channel binding it used (RFC 5802 §6). */
export interface SaslOutcome {
  mechanism: SaslMechanism;
  /** The GS2 flag sent (null for PLAIN). */
  gs2Flag: 'n' | 'y' | 'p' | null;
  /** With `p`: the binding type. */
  channelBinding: TlsChannelBindingType | null;
}

export interface XmppCredentials {
  /** Never logged, never put in an event or an error message. */
  password: string;
}

export interface SaslContext {
  username: string;
  /** The XMPP domain (for messages). */
  domain: string;
  mechanisms: readonly string[];
  /** Whether the stream runs inside TLS; PLAIN is refused otherwise. */
  secure: boolean;
  /** The negotiated TLS version, or null. */
  tlsVersion?: string | null;
  /** XEP-0440: the channel-binding types the server lists, when it lists them. */
  serverBindings?: readonly string[] | undefined;
  /** The TLS connection's channel-binding data (RFC 5056), when it can give it. */
  channelBinding?: ((type: TlsChannelBindingType) => Uint8Array | null) | undefined;
  /** Source of the SCRAM client nonce (injected: the engine holds no randomness). */
  random: (size: number) => Uint8Array;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (payload: string): string => Buffer.from(payload.trim(), 'base64').toString('utf8');

type SaslAnswer = { kind: 'challenge' | 'success'; payload: string };

/** RFC 6120 §6.4.5: <failure/> carries one defined condition and maybe a <text/>. */
function answerPicker(context: SaslContext, choice: SaslChoice): (stanza: XmlElement) => SaslAnswer | undefined {
  return (stanza) => {
    if (stanza.ns !== NS_SASL) return undefined;
    if (stanza.name === 'challenge' || stanza.name === 'success') return { kind: stanza.name, payload: textOf(stanza) };
    if (stanza.name === 'failure') {
      const condition = childElements(stanza).find((c) => c.name !== 'text')?.name ?? 'not-authorized';
      const text = findChild(stanza, 'text', NS_SASL);
      throw saslFailure({
        condition,
        text: text === undefined ? undefined : textOf(text),
        jid: `${context.username}@${context.domain}`,
        domain: context.domain,
        mechanism: choice.mechanism,
        ...(choice.mechanism !== 'PLAIN' ? { channelBinding: choice.channelBinding.flag } : {}),
        ...(choice.mechanism !== 'PLAIN' && choice.channelBinding.flag === 'p' ? { bindingType: choice.channelBinding.type } : {}),
      });
    }
    return undefined;
  };
}

function scramProblem(mechanism: SaslMechanism, domain: string, error: unknown): XmppFailure {
  if (error instanceof ScramFailure) {
    // RFC 5802 §3 mutual authentication: a server that cannot prove it knows the password is not trusted.
    return new XmppFailure('auth-server-unverified', `${mechanism} with the XMPP server ${domain}: ${error.message}; the server is not trusted with this login`, {
      condition: error.code,
    });
  }
  return new XmppFailure('protocol-error', `${mechanism} exchange with the XMPP server ${domain} failed`);
}

function noMechanism(context: SaslContext): XmppFailure {
  const offered = context.mechanisms.join(', ') || 'none';
  const onlyPlus = context.mechanisms.some((m) => /^SCRAM-SHA-(1|256|512)-PLUS$/.test(m));
  const why = !context.secure
    ? 'authentication needs TLS first'
    : onlyPlus
      ? `its SCRAM mechanisms all need channel binding, and this ${context.tlsVersion ?? 'TLS'} connection shares no binding type with it${
          context.serverBindings ? ` (the server lists ${context.serverBindings.join(', ') || 'none'})` : ''
        }; PLAIN is never used when SCRAM is offered`
      : context.mechanisms.includes('PLAIN')
        ? 'PLAIN is used over TLS only'
        : 'none of them is SCRAM-SHA-1, SCRAM-SHA-256, SCRAM-SHA-512 (or -PLUS) or PLAIN';
  return new XmppFailure(
    'no-supported-mechanism',
    `the XMPP server ${context.domain} offers no SASL mechanism this client can use (${offered}): ${why}; the XMPP administrator should offer SCRAM-SHA-256`,
  );
}

/**
 * Runs the SASL exchange; emits the mechanism used once the server sent <success/> (and, for SCRAM,
 * proved itself).
 *
 * @example
 * authenticateSasl(stream, { username: 'ann', domain: 'example.com', mechanisms: ['SCRAM-SHA-256'], secure: true, random }, { password })
 *   .subscribe((outcome) => console.log(outcome.mechanism)); // 'SCRAM-SHA-256'
 */
export function authenticateSasl(port: StreamPort, context: SaslContext, credentials: XmppCredentials): Observable<SaslOutcome> {
  const choice = chooseSaslMechanism({
    offered: context.mechanisms,
    secure: context.secure,
    tlsVersion: context.tlsVersion ?? null,
    serverBindings: context.serverBindings,
    channelBinding: context.channelBinding,
  });
  if (choice === null) return new Observable((s) => s.error(noMechanism(context)));
  const pick = answerPicker(context, choice);
  const { mechanism } = choice;
  const outcome: SaslOutcome =
    choice.mechanism === 'PLAIN'
      ? { mechanism, gs2Flag: null, channelBinding: null }
      : { mechanism, gs2Flag: choice.channelBinding.flag, channelBinding: choice.channelBinding.flag === 'p' ? choice.channelBinding.type : null };
  if (choice.mechanism === 'PLAIN') {
    // RFC 4616: authzid empty, authcid, password.
    const initial = b64(`\u0000${context.username}\u0000${credentials.password}`);
    return port.request(saslAuth('PLAIN', initial), pick, 'SASL PLAIN').pipe(
      map((answer) => {
        if (answer.kind !== 'success') throw new XmppFailure('protocol-error', 'unexpected SASL challenge for PLAIN');
        return outcome;
      }),
    );
  }
  const nonce = Buffer.from(context.random(18)).toString('base64');
  const first = scramStart({ hash: choice.hash, username: context.username, clientNonce: nonce, channelBinding: choice.channelBinding });
  return port.request(saslAuth(mechanism, b64(first.message)), pick, `SASL ${mechanism}`).pipe(
    concatMap((answer) => {
      if (answer.kind !== 'challenge') throw new XmppFailure('protocol-error', `${mechanism}: success before the proof`);
      return from(
        first.respond(unb64(answer.payload), credentials.password).catch((error: unknown) => Promise.reject(scramProblem(mechanism, context.domain, error))),
      );
    }),
    concatMap((final) => {
      return port.request(saslResponse(b64(final.message)), pick, `SASL ${mechanism} proof`).pipe(
        concatMap((answer) => {
          try {
            final.verify(unb64(answer.payload));
          } catch (error) {
            throw scramProblem(mechanism, context.domain, error);
          }
          // RFC 6120 §6.3.10: the additional data may come in a final challenge, answered empty.
          if (answer.kind === 'success') return of(outcome);
          return port.request(saslResponse(''), pick, `SASL ${mechanism} end`).pipe(
            map((end) => {
              if (end.kind !== 'success') throw new XmppFailure('protocol-error', `${mechanism}: no success after the server proof`);
              return outcome;
            }),
          );
        }),
      );
    }),
  );
}

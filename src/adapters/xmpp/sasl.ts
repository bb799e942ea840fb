// SASL negotiation (RFC 6120 §6): SCRAM-SHA-1 preferred, PLAIN only over TLS (protocols/xmpp.md
// step 3). A <failure/> is an authentication failure and is never retried here.
import { concatMap, from, map, Observable, of } from 'rxjs';
import { XmppFailure } from './failure.ts';
import { NS_SASL } from './namespaces.ts';
import { ScramFailure, scramSha1Start } from './scram-sha1.ts';
import { saslAuth, saslResponse } from './stanzas.ts';
import type { StreamPort } from './stream-port.ts';
import { childElements, textOf, type XmlElement } from './xml-element.ts';

export type SaslMechanism = 'SCRAM-SHA-1' | 'PLAIN';

export interface XmppCredentials {
  /** Never logged, never put in an event or an error message. */
  password: string;
}

export interface SaslContext {
  username: string;
  mechanisms: readonly string[];
  /** Whether the stream runs inside TLS; PLAIN is refused otherwise. */
  secure: boolean;
  /** Source of the SCRAM client nonce (injected: the engine holds no randomness). */
  random: (size: number) => Uint8Array;
}

export function chooseMechanism(mechanisms: readonly string[], secure: boolean): SaslMechanism | null {
  if (mechanisms.includes('SCRAM-SHA-1')) return 'SCRAM-SHA-1';
  if (secure && mechanisms.includes('PLAIN')) return 'PLAIN';
  return null;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (payload: string): string => Buffer.from(payload.trim(), 'base64').toString('utf8');

type SaslAnswer = { kind: 'challenge' | 'success'; payload: string };

/** RFC 6120 §6.4.5: <failure/> carries a defined condition such as not-authorized. */
function pickSaslAnswer(stanza: XmlElement): SaslAnswer | undefined {
  if (stanza.ns !== NS_SASL) return undefined;
  if (stanza.name === 'challenge' || stanza.name === 'success') return { kind: stanza.name, payload: textOf(stanza) };
  if (stanza.name === 'failure') {
    const condition = childElements(stanza).find((c) => c.name !== 'text')?.name ?? 'not-authorized';
    throw new XmppFailure('auth-failed', `the XMPP server refused the credentials (${condition})`, { condition });
  }
  return undefined;
}

function scramProblem(error: unknown): XmppFailure {
  if (error instanceof ScramFailure) {
    return new XmppFailure('auth-server-unverified', `SCRAM-SHA-1: ${error.message}`, { condition: error.code });
  }
  return new XmppFailure('protocol-error', 'SCRAM-SHA-1 exchange failed');
}

/** Emits the mechanism used once the server sent <success/> (and, for SCRAM, proved itself). */
export function authenticateSasl(port: StreamPort, context: SaslContext, credentials: XmppCredentials): Observable<SaslMechanism> {
  const mechanism = chooseMechanism(context.mechanisms, context.secure);
  if (mechanism === null) {
    return new Observable((s) =>
      s.error(new XmppFailure('no-supported-mechanism', `no usable SASL mechanism among: ${context.mechanisms.join(', ') || 'none'}`)),
    );
  }
  if (mechanism === 'PLAIN') {
    // RFC 4616: authzid empty, authcid, password.
    const initial = b64(`\u0000${context.username}\u0000${credentials.password}`);
    return port.request(saslAuth('PLAIN', initial), pickSaslAnswer, 'SASL PLAIN').pipe(
      map((answer) => {
        if (answer.kind !== 'success') throw new XmppFailure('protocol-error', 'unexpected SASL challenge for PLAIN');
        return mechanism;
      }),
    );
  }
  const nonce = Buffer.from(context.random(18)).toString('base64');
  const first = scramSha1Start(context.username, nonce);
  return port.request(saslAuth('SCRAM-SHA-1', b64(first.message)), pickSaslAnswer, 'SASL SCRAM-SHA-1').pipe(
    concatMap((answer) => {
      if (answer.kind !== 'challenge') throw new XmppFailure('protocol-error', 'SCRAM-SHA-1: success before the proof');
      return from(first.respond(unb64(answer.payload), credentials.password).catch((error: unknown) => Promise.reject(scramProblem(error))));
    }),
    concatMap((final) => {
      return port.request(saslResponse(b64(final.message)), pickSaslAnswer, 'SASL SCRAM-SHA-1 proof').pipe(
        concatMap((outcome) => {
          try {
            final.verify(unb64(outcome.payload));
          } catch (error) {
            throw scramProblem(error);
          }
          // RFC 6120 §6.3.10: the additional data may come in a final challenge, answered empty.
          if (outcome.kind === 'success') return of(mechanism);
          return port.request(saslResponse(''), pickSaslAnswer, 'SASL SCRAM-SHA-1 end').pipe(
            map((end) => {
              if (end.kind !== 'success') throw new XmppFailure('protocol-error', 'SCRAM-SHA-1: no success after the server proof');
              return mechanism;
            }),
          );
        }),
      );
    }),
  );
}

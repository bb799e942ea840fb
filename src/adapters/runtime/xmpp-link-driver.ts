// XMPP through adapters/xmpp's own connection-machine driver (effect.* → XMPP steps → contract
// events, with the outbox kept across reconnects until XEP-0198 acks). It is built at the first
// effect request, when the OCI profile has given the XMPP ID (seed §1.1); its answers are
// dispatched like every runner's. The port map applies to its connect (the lab's Prosody).
import { Subject } from 'rxjs';
import type { ConnectionEffect, ConnectionEvent } from '../../machines/connection/contract.ts';
import { createXmppDriver as createXmppEngineDriver, type XmppDriver as XmppEngineDriver } from '../xmpp/xmpp-driver.ts';
import type { XmppChatMessage } from '../xmpp/index.ts';
import { mappedPort } from './connection-runner.ts';
import type { DriverDeps } from './driver-deps.ts';

/** A driver that answers effect requests itself (rather than through the generic runner). */
export interface SelfDrivenDriver {
  handle(effect: ConnectionEffect): void;
  readonly events$: Subject<ConnectionEvent>;
  dispose(): void;
}

export interface XmppLinkDriver extends SelfDrivenDriver {
  /** Incoming chats across reconnects, each (sender, id) once. */
  readonly messages$: Subject<XmppChatMessage>;
  /** Ids acknowledged by the server. */
  readonly delivered$: Subject<string>;
  /** Queues a message: sent now when online, else after the next login; returns its id. */
  send(message: { to: string; body: string; id?: string }): string;
  pending(): string[];
  readonly online: boolean;
}

export function createXmppLinkDriver(deps: DriverDeps): XmppLinkDriver {
  const events$ = new Subject<ConnectionEvent>();
  const messages$ = new Subject<XmppChatMessage>();
  const delivered$ = new Subject<string>();
  const queued: Array<{ id: string; to: string; body: string }> = [];
  let engine: XmppEngineDriver | null = null;

  const build = (): XmppEngineDriver | null => {
    if (engine !== null) return engine;
    const jid = deps.facts.profile?.xmppId?.split('/')[0];
    if (jid === undefined) return null;
    engine = createXmppEngineDriver({
      jid,
      resource: `unity-${deps.ids().slice(0, 8)}`,
      resolver: deps.net.resolver,
      ca: deps.net.ca,
      connectTimeoutMs: deps.net.connectTimeoutMs,
      random: deps.randomBytes,
      credentials: async () => {
        const secret = await deps.credentials.password();
        // A missing password fails SASL like a wrong one (AUTH.FAILED), never with its text.
        return { password: secret.ok ? secret.password : '' };
      },
    });
    engine.events$.subscribe(events$);
    engine.messages$.subscribe(messages$);
    engine.delivered$.subscribe(delivered$);
    for (const m of queued.splice(0)) engine.send(m);
    return engine;
  };

  let online = false;
  events$.subscribe((e) => {
    if (e.type === 'AUTH.OK') online = true;
    else if (e.type === 'TRANSPORT.DROPPED' || e.type === 'SESSION.ENDED' || e.type === 'TRANSPORT.FAILED') online = false;
  });

  return {
    events$,
    messages$,
    delivered$,
    get online() {
      return online;
    },
    handle(effect) {
      const e = build();
      if (e === null) return;
      if (effect.type === 'effect.close') online = false;
      e.handle(effect.type === 'effect.connect' ? { ...effect, port: mappedPort(deps.net, effect.host, effect.port) } : effect);
    },
    send(message) {
      const id = message.id ?? deps.ids();
      const chat = { id, to: message.to, body: message.body };
      if (engine !== null) engine.send(chat);
      else queued.push(chat);
      return id;
    },
    pending: () => (engine !== null ? engine.pending() : queued.map((m) => m.id)),
    dispose() {
      engine?.dispose();
    },
  };
}

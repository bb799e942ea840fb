// The generic connection lifecycle (seed §1; issue 2 "The connection machine"), one instance per
// persistent connection: OCI, CAP (on OCI's socket), CTI, Kakapo IM&P, XMPP.
//
//   idle → connecting → securing (only when the endpoint has TLS) → authenticating → online
//   online: a keepalive after `keepaliveMs` of quiet; unanswered after `keepaliveTimeoutMs` = dead
//   unexpected drop → reconnecting → (15 s) → connecting …   until it is back (seed §1)
//   CLOSE (user) → closed, never reconnects by itself; AUTH.FAILED → authFailed until
//   CREDENTIALS.UPDATED; a failure before ever being online → failed unless retryInitialFailure.
//
// No I/O: work is requested with `emit` (contract.ts) and results arrive as events.
import { and, assign, emit, enqueueActions, setup } from 'xstate';
import { initialConnectionContext, type ConnectionContext } from './connection-context.ts';
import type {
  CloseReason,
  ConnectionEffect,
  ConnectionEvent,
  ConnectionInput,
  ConnectionNotification,
  ConnectionPhase,
} from './contract.ts';
import { keepaliveTimeoutOutcome, outcomeOf, unansweredRequestOutcome } from './outcome-of.ts';

export const connectionMachine = setup({
  types: {
    context: {} as ConnectionContext,
    events: {} as ConnectionEvent,
    input: {} as ConnectionInput,
    emitted: {} as ConnectionEffect,
  },
  delays: {
    keepaliveInterval: ({ context }) => context.keepaliveMs,
    keepaliveTimeout: ({ context }) => context.keepaliveTimeoutMs,
    reconnectDelay: ({ context }) => context.reconnectDelayMs,
  },
  guards: {
    // An answer to an abandoned attempt is stale and ignored.
    isCurrentAttempt: ({ context, event }) =>
      !('attempt' in event) || event.attempt === undefined || event.attempt === context.attempt,
    usesTls: ({ context }) => context.endpoint.tls !== null,
    isAckOfPendingKeepalive: ({ context, event }) =>
      event.type === 'KEEPALIVE.ACK' &&
      event.seq === context.keepaliveSeq &&
      (event.attempt === undefined || event.attempt === context.attempt),
    isReplacedSession: ({ event }) => event.type === 'SESSION.ENDED' && event.replaced === true,
    // seed §1: retry every 15 s after an unexpected drop; at start-up a first failure stops (§1.1, §5.2).
    mayRetry: ({ context }) => context.wasOnline || context.retryInitialFailure,
  },
  actions: {
    startAttempt: assign({ attempt: ({ context }) => context.attempt + 1, tlsVersion: null, keepaliveSeq: 0 }),
    forgetOnlinePeriod: assign({ wasOnline: false }),
    markOnline: assign({ wasOnline: true, lastOutcome: null }),
    recordOutcome: assign({
      lastOutcome: ({ context, event }, params: { phase: ConnectionPhase }) =>
        outcomeOf(event, params.phase) ?? context.lastOutcome,
    }),
    recordKeepaliveTimeout: assign({
      lastOutcome: ({ context }) => keepaliveTimeoutOutcome(context.keepaliveSeq, context.keepaliveTimeoutMs),
    }),
    recordUnanswered: assign({
      lastOutcome: ({ context, event }) =>
        event.type === 'REQUEST.UNANSWERED' ? unansweredRequestOutcome(event.what, event.timeoutMs) : context.lastOutcome,
    }),
    recordTlsVersion: assign({
      tlsVersion: ({ context, event }) => (event.type === 'TLS.SECURED' ? event.version : context.tlsVersion),
    }),
    nextKeepalive: assign({ keepaliveSeq: ({ context }) => context.keepaliveSeq + 1 }),
    emitConnect: emit(({ context }) => ({
      type: 'effect.connect' as const,
      connection: context.name,
      attempt: context.attempt,
      host: context.endpoint.host,
      port: context.endpoint.port,
    })),
    emitSecure: emit(({ context }) => {
      // Only entered when usesTls holds; the fallback keeps the type total.
      const tls = context.endpoint.tls ?? { servername: context.endpoint.host, version: 'TLSv1.2' as const };
      return {
        type: 'effect.secure' as const,
        connection: context.name,
        attempt: context.attempt,
        servername: tls.servername,
        version: tls.version,
      };
    }),
    emitAuthenticate: emit(({ context }) => ({
      type: 'effect.authenticate' as const,
      connection: context.name,
      attempt: context.attempt,
    })),
    emitKeepalive: emit(({ context }) => ({
      type: 'effect.keepalive' as const,
      connection: context.name,
      attempt: context.attempt,
      seq: context.keepaliveSeq,
    })),
    emitClose: emit(({ context }, params: { reason: CloseReason }) => ({
      type: 'effect.close' as const,
      connection: context.name,
      attempt: context.attempt,
      reason: params.reason,
    })),
    // Guarded so the machine also runs standalone (sendParent throws without a parent).
    notifyParent: enqueueActions(({ context, self, enqueue }, params: { kind: ConnectionNotification['type'] }) => {
      if (self._parent === undefined) return;
      const connection = context.name;
      const outcome = context.lastOutcome;
      let notification: ConnectionNotification;
      if (params.kind === 'CONNECTION.ONLINE') notification = { type: params.kind, connection };
      else if (params.kind === 'CONNECTION.CLOSED') notification = { type: params.kind, connection };
      else if (outcome === null) return; // not reachable: both failure notices follow an outcome
      else if (params.kind === 'CONNECTION.RECONNECTING')
        notification = { type: params.kind, connection, outcome, delayMs: context.reconnectDelayMs };
      else notification = { type: params.kind, connection, outcome };
      enqueue.sendParent(notification);
    }),
  },
}).createMachine({
  id: 'connection',
  context: ({ input }) => initialConnectionContext(input),
  initial: 'idle',
  states: {
    idle: {
      on: { CONNECT: { target: 'connecting', actions: 'forgetOnlinePeriod' } },
    },
    connecting: {
      entry: ['startAttempt', 'emitConnect'],
      on: {
        // seed §5.2: connect first, secure the established connection afterwards; plain skips securing.
        'TRANSPORT.CONNECTED': [
          { guard: and(['isCurrentAttempt', 'usesTls']), target: 'securing' },
          { guard: 'isCurrentAttempt', target: 'authenticating' },
        ],
        'TRANSPORT.FAILED': {
          guard: 'isCurrentAttempt',
          target: 'failing',
          actions: { type: 'recordOutcome', params: { phase: 'connecting' } },
        },
        CLOSE: { target: 'closed', actions: { type: 'emitClose', params: { reason: 'user' } } },
      },
    },
    securing: {
      entry: 'emitSecure',
      on: {
        'TLS.SECURED': { guard: 'isCurrentAttempt', target: 'authenticating', actions: 'recordTlsVersion' },
        'TLS.FAILED': {
          guard: 'isCurrentAttempt',
          target: 'failing',
          actions: [
            { type: 'recordOutcome', params: { phase: 'securing' } },
            { type: 'emitClose', params: { reason: 'failed' } },
          ],
        },
        'TRANSPORT.DROPPED': {
          guard: 'isCurrentAttempt',
          target: 'failing',
          actions: [
            { type: 'recordOutcome', params: { phase: 'securing' } },
            { type: 'emitClose', params: { reason: 'failed' } },
          ],
        },
        CLOSE: { target: 'closed', actions: { type: 'emitClose', params: { reason: 'user' } } },
      },
    },
    authenticating: {
      entry: 'emitAuthenticate',
      on: {
        'AUTH.OK': { guard: 'isCurrentAttempt', target: 'online' },
        // Issue 2: an authentication failure does not retry; it waits for new credentials.
        'AUTH.FAILED': {
          guard: 'isCurrentAttempt',
          target: 'authFailed',
          actions: [
            { type: 'recordOutcome', params: { phase: 'authenticating' } },
            { type: 'emitClose', params: { reason: 'auth-failed' } },
          ],
        },
        'TRANSPORT.DROPPED': {
          guard: 'isCurrentAttempt',
          target: 'failing',
          actions: [
            { type: 'recordOutcome', params: { phase: 'authenticating' } },
            { type: 'emitClose', params: { reason: 'failed' } },
          ],
        },
        CLOSE: { target: 'closed', actions: { type: 'emitClose', params: { reason: 'user' } } },
      },
    },
    online: {
      entry: ['markOnline', { type: 'notifyParent', params: { kind: 'CONNECTION.ONLINE' } }],
      initial: 'quiet',
      states: {
        // seed §1: the connection is kept open by periodic keep-alive messages.
        quiet: {
          after: { keepaliveInterval: 'awaitingAck' },
        },
        awaitingAck: {
          entry: ['nextKeepalive', 'emitKeepalive'],
          on: { 'KEEPALIVE.ACK': { guard: 'isAckOfPendingKeepalive', target: 'quiet' } },
          after: {
            keepaliveTimeout: {
              target: '#connection.failing',
              actions: ['recordKeepaliveTimeout', { type: 'emitClose', params: { reason: 'keepalive-timeout' } }],
            },
          },
        },
      },
      on: {
        'TRANSPORT.DROPPED': {
          guard: 'isCurrentAttempt',
          target: 'failing',
          actions: [
            { type: 'recordOutcome', params: { phase: 'online' } },
            { type: 'emitClose', params: { reason: 'failed' } },
          ],
        },
        // issue 10: an unanswered request is a missed keepalive answer; the link is dead now.
        'REQUEST.UNANSWERED': {
          guard: 'isCurrentAttempt',
          target: 'failing',
          actions: ['recordUnanswered', { type: 'emitClose', params: { reason: 'keepalive-timeout' } }],
        },
        'SESSION.ENDED': [
          // protocols/xmpp.md §6: another login took the session (`conflict`); reconnecting would
          // knock it off in turn, so tell the user instead of retrying.
          {
            guard: and(['isCurrentAttempt', 'isReplacedSession']),
            target: 'failed',
            actions: [
              { type: 'recordOutcome', params: { phase: 'online' } },
              { type: 'emitClose', params: { reason: 'session-ended' } },
            ],
          },
          // protocols/oci-p.md §6: a server-pushed logout ends the session; it was not the user's wish.
          {
            guard: 'isCurrentAttempt',
            target: 'failing',
            actions: [
              { type: 'recordOutcome', params: { phase: 'online' } },
              { type: 'emitClose', params: { reason: 'session-ended' } },
            ],
          },
        ],
        CLOSE: { target: 'closed', actions: { type: 'emitClose', params: { reason: 'user' } } },
      },
    },
    // Transient: decides between retrying and giving up.
    failing: {
      always: [{ guard: 'mayRetry', target: 'reconnecting' }, { target: 'failed' }],
    },
    reconnecting: {
      entry: { type: 'notifyParent', params: { kind: 'CONNECTION.RECONNECTING' } },
      after: { reconnectDelay: 'connecting' },
      on: { CLOSE: 'closed' },
    },
    failed: {
      entry: { type: 'notifyParent', params: { kind: 'CONNECTION.FAILED' } },
      on: { CONNECT: { target: 'connecting', actions: 'forgetOnlinePeriod' }, CLOSE: 'closed' },
    },
    authFailed: {
      entry: { type: 'notifyParent', params: { kind: 'CONNECTION.FAILED' } },
      on: { 'CREDENTIALS.UPDATED': 'connecting', CLOSE: 'closed' },
    },
    closed: {
      entry: { type: 'notifyParent', params: { kind: 'CONNECTION.CLOSED' } },
      on: { CONNECT: { target: 'connecting', actions: 'forgetOnlinePeriod' } },
    },
  },
});

export type ConnectionMachine = typeof connectionMachine;

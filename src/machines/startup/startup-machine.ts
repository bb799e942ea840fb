// The start-up statechart (seed §1.1; issue 2 "The startup machine"):
//
//   branding (by login ID; by server host when the portal does not know the user)
//   → oci (connect + log in: child 'oci') → profile (release + user profile)
//   → callControl: selectProtocols → cti (child 'cti') | cap (child 'cap', on OCI's connection)
//   → license → messaging (parallel: child 'imp' and/or child 'xmpp', as licensed) → ready
//
// Every way it stops is a named final state whose output says what to change. Children keep
// their own lifecycle (keepalive, 15 s reconnect) while ready; losing one does not stop the others.
import { assign, emit, enqueueActions, setup } from 'xstate';
import { connectionMachine } from '../connection/connection-machine.ts';
import type { ConnectionName, ConnectionNotification } from '../connection/contract.ts';
import { DOMAIN_ACTOR_ID } from '../domain/contract.ts';
import { domainLogic } from '../domain/domain-actor.ts';
import { ociEndpoint } from '../protocol-selection/oci-endpoint.ts';
import { selectProtocols } from '../protocol-selection/select-protocols.ts';
import { endpointFor } from './connection-endpoint.ts';
import { stopForConnectionFailure } from './connection-stop.ts';
import type { ConnectionStatus, StartupEffect, StartupEvent, StartupInput, StartupOutput, StartupStop, StopCode } from './contract.ts';
import { licenseRequest } from './license-request.ts';
import { xmppDomain } from './messaging-endpoints.ts';
import { stopForLicense, stopForPortalFailure, stopForUnknownServer } from './portal-stop.ts';
import { factOf } from './reason-text.ts';
import {
  DEFAULT_KEEPALIVE_SECONDS,
  DEFAULT_KEEPALIVE_TIMEOUT_MS,
  initialStartupContext,
  type StartupContext,
} from './startup-context.ts';

export const STOP_CODES: readonly StopCode[] = [
  'portalUnreachable',
  'portalUnknownServer',
  'badCredentials',
  'ociUnreachable',
  'tlsOnlyServerOnPlainPort',
  'tlsHandshakeFailed',
  'serverError',
  'garbledReply',
  'replyTooLarge',
  'doctypeReply',
  'unexpectedReply',
  'unsupportedRelease',
  'protocolPlanError',
  'profileUnavailable',
  'ctiUnreachable',
  'capServiceMissing',
  'licenseDenied',
  'closed',
];

const NOTIFICATION_STATE: Record<ConnectionNotification['type'], ConnectionStatus['state']> = {
  'CONNECTION.ONLINE': 'online',
  'CONNECTION.RECONNECTING': 'reconnecting',
  'CONNECTION.FAILED': 'failed',
  'CONNECTION.CLOSED': 'closed',
};

function isNotification(event: StartupEvent): event is ConnectionNotification {
  return event.type in NOTIFICATION_STATE;
}

function stopFor(context: StartupContext, event: StartupEvent): StartupStop | null {
  switch (event.type) {
    case 'BRANDING.FAILED':
      return stopForPortalFailure('branding', event.failure, context.input.portal);
    case 'BRANDING.NOT_FOUND':
      return stopForUnknownServer(context.input.serverHost, event.message);
    case 'BRANDING.LOADED': {
      const oci = ociEndpoint(context.input.serverHost, event.branding.connectivity);
      return oci.ok ? null : { code: 'protocolPlanError', reason: oci.message };
    }
    case 'PROFILE.FAILED':
      return {
        code: 'profileUnavailable',
        reason:
          `Logged in to OCI, but the BroadWorks release or user profile could not be read: ${factOf(event.message)}. ` +
          `Check that the login is a BroadWorks user (not an administrator) and send the ConnectionLog.txt to support.`,
      };
    case 'LICENSE.FAILED':
      return stopForPortalFailure('license', event.failure, context.input.portal);
    case 'LICENSE.LOADED': {
      const { status } = event.license;
      if (status === 'Licensed' || status === 'Trial') return null;
      const { device, clientType } = context.input;
      const who =
        device !== undefined && (clientType === 'Wallboard' || clientType === 'Dashboard')
          ? `the computer "${device.computerName}"`
          : `the user ${context.input.loginId} on ${context.input.serverHost}`;
      return stopForLicense(status, who);
    }
    case 'CONNECTION.FAILED': {
      const endpoint = context.connections[event.connection]?.endpoint ?? endpointFor(event.connection, context);
      if (endpoint === null) return null;
      // seed §2.2: a refused CAP registration means Client Call Control is not assigned.
      if (event.connection === 'cap' && event.outcome.kind === 'auth') {
        return { ...capServiceMissing(context), connection: 'cap', outcome: event.outcome };
      }
      return stopForConnectionFailure(event.connection, endpoint, event.outcome);
    }
    case 'CLOSE':
      return { code: 'closed', reason: 'Closed by the user.' };
    default:
      return null;
  }
}

function capServiceMissing(context: StartupContext): StartupStop {
  return {
    code: 'capServiceMissing',
    reason:
      `BroadWorks uses CAP for call control here, and CAP needs the "Client Call Control" service, which is not ` +
      `assigned to ${context.input.loginId}. Assign it in BroadWorks (to the user, or to the call center for queue ` +
      `updates), or on R21 turn on "Use CTI instead of CAP protocol" in the Kakapo portal.`,
  };
}

export const startupMachine = setup({
  types: {
    context: {} as StartupContext,
    events: {} as StartupEvent,
    input: {} as StartupInput,
    emitted: {} as StartupEffect,
    output: {} as StartupOutput,
  },
  // The domain state (issue 11): an actor of the same system, so the log and replay cover it.
  actors: { connection: connectionMachine, domain: domainLogic },
  guards: {
    isFrom: ({ event }, params: { name: ConnectionName }) => isNotification(event) && event.connection === params.name,
    stopsStartup: ({ context, event }) => stopFor(context, event) !== null,
    planFailed: ({ context }) => context.plan?.ok !== true,
    usesCti: ({ context }) => context.plan?.ok === true && context.plan.callControl === 'CTI',
    // seed §2.2: without Client Call Control, CAP cannot be used: alert and stop.
    lacksClientCallControl: ({ context }) => context.profile?.clientCallControl !== true,
    impAllowed: ({ context }) => context.license?.features.imp === true,
    // seed §1.1: XMPP only when licensed and the profile carries an XMPP ID.
    xmppAllowed: ({ context }) =>
      context.license?.features.xmpp === true && xmppDomain(context.profile?.xmppId) !== null,
    stopCodeIs: ({ context }, params: { code: StopCode }) => context.stop?.code === params.code,
  },
  actions: {
    recordStop: assign({ stop: ({ context, event }) => stopFor(context, event) ?? context.stop }),
    recordPlanStop: assign({
      stop: ({ context }) => {
        const plan = context.plan;
        if (plan === null || plan.ok) return context.stop;
        const unsupported = plan.code === 'UNSUPPORTED_RELEASE' || plan.code === 'UNPARSEABLE_RELEASE';
        return { code: unsupported ? 'unsupportedRelease' : 'protocolPlanError', reason: plan.message };
      },
    }),
    recordCapServiceMissing: assign({ stop: ({ context }) => capServiceMissing(context) }),
    recordBranding: assign(({ context, event }) => {
      if (event.type !== 'BRANDING.LOADED') return {};
      const oci = ociEndpoint(context.input.serverHost, event.branding.connectivity);
      return { branding: event.branding, ociEndpoint: oci.ok ? oci.endpoint : null };
    }),
    recordProfile: assign(({ context, event }) => {
      if (event.type !== 'PROFILE.LOADED' || context.branding === null) return {};
      const plan = selectProtocols({
        release: event.release,
        ociHost: context.input.serverHost,
        branding: context.branding.connectivity,
      });
      return { release: event.release, profile: event.profile, plan };
    }),
    recordLicense: assign({
      license: ({ context, event }) => (event.type === 'LICENSE.LOADED' ? event.license : context.license),
    }),
    trackConnection: assign({
      connections: ({ context, event }) => {
        if (!isNotification(event)) return context.connections;
        const previous = context.connections[event.connection];
        const status: ConnectionStatus = {
          state: NOTIFICATION_STATE[event.type],
          endpoint: previous?.endpoint ?? null,
          ...('outcome' in event ? { outcome: event.outcome } : {}),
        };
        return { ...context.connections, [event.connection]: status };
      },
    }),
    markSkipped: assign({
      connections: ({ context }, params: { name: 'imp' | 'xmpp' }) => {
        const licensed = context.license?.features[params.name] === true;
        const note = !licensed
          ? `not used: the license does not allow ${params.name === 'imp' ? 'Kakapo IM&P' : 'XMPP'}`
          : 'not used: the BroadWorks profile has no XMPP ID (the "Integrated IM&P" service is not assigned)';
        return { ...context.connections, [params.name]: { state: 'skipped', endpoint: null, note } };
      },
    }),
    startConnection: enqueueActions(({ context, enqueue }, params: { name: ConnectionName }) => {
      const endpoint = endpointFor(params.name, context);
      if (endpoint === null) return;
      const keepaliveSeconds = context.branding?.keepaliveSeconds ?? DEFAULT_KEEPALIVE_SECONDS;
      enqueue.spawnChild('connection', {
        id: params.name,
        systemId: params.name,
        input: {
          name: params.name,
          endpoint,
          keepaliveMs: keepaliveSeconds * 1000,
          keepaliveTimeoutMs: context.input.keepaliveTimeoutMs ?? DEFAULT_KEEPALIVE_TIMEOUT_MS,
          ...(context.input.reconnectDelayMs !== undefined ? { reconnectDelayMs: context.input.reconnectDelayMs } : {}),
          // seed §1.1/§5.2: OCI, CAP and CTI failing at start-up stop it; messaging keeps trying.
          retryInitialFailure: params.name === 'imp' || params.name === 'xmpp',
        },
      });
      enqueue.assign({
        connections: { ...context.connections, [params.name]: { state: 'connecting', endpoint } },
      });
      enqueue.sendTo(params.name, { type: 'CONNECT' });
    }),
    closeConnections: enqueueActions(({ context, enqueue }) => {
      for (const [name, status] of Object.entries(context.connections)) {
        if (status.state !== 'skipped' && status.state !== 'closed') enqueue.sendTo(name, { type: 'CLOSE' });
      }
    }),
    emitFetchBranding: emit(({ context }, params: { by: 'loginId' | 'serverHost' }) => ({
      type: 'effect.fetchBranding' as const,
      by: params.by,
      ...(params.by === 'loginId' ? { loginId: context.input.loginId } : {}),
      serverHost: context.input.serverHost,
      clientType: context.input.clientType,
      clientVersion: context.input.clientVersion,
    })),
    emitFetchProfile: emit(({ context }) => ({
      type: 'effect.fetchProfile' as const,
      connection: 'oci' as const,
      userId: context.input.loginId,
    })),
    emitRequestLicense: enqueueActions(({ context, enqueue }) => {
      if (context.profile === null) return;
      enqueue.emit({ type: 'effect.requestLicense', ...licenseRequest(context.input, context.profile) });
    }),
  },
}).createMachine({
  id: 'startup',
  context: ({ input }) => initialStartupContext(input),
  // Calls, lamps, messages, voicemail and call-center state, for the whole session (DESIGN.md
  // "Events are the source of truth"): the client sends the protocols' domain events to it.
  invoke: { src: 'domain', id: DOMAIN_ACTOR_ID, systemId: DOMAIN_ACTOR_ID },
  output: ({ context }) => context.stop ?? { code: 'closed', reason: 'Closed by the user.' },
  initial: 'branding',
  on: {
    'CONNECTION.ONLINE': { actions: 'trackConnection' },
    'CONNECTION.RECONNECTING': { actions: 'trackConnection' },
    'CONNECTION.FAILED': { actions: 'trackConnection' },
    'CONNECTION.CLOSED': { actions: 'trackConnection' },
    CLOSE: { target: '.stopping', actions: 'recordStop' },
  },
  states: {
    branding: {
      initial: 'byLoginId',
      states: {
        // seed §1.1: branding for this user, based on the login ID ...
        byLoginId: {
          entry: { type: 'emitFetchBranding', params: { by: 'loginId' } },
          on: { 'BRANDING.NOT_FOUND': 'byServerHost' },
        },
        // ... or, if the user does not exist yet, for the system provider, by server host.
        byServerHost: {
          entry: { type: 'emitFetchBranding', params: { by: 'serverHost' } },
          on: { 'BRANDING.NOT_FOUND': { target: '#startup.stopping', actions: 'recordStop' } },
        },
      },
      on: {
        'BRANDING.LOADED': [
          { guard: 'stopsStartup', target: 'stopping', actions: 'recordStop' },
          { target: 'oci', actions: 'recordBranding' },
        ],
        'BRANDING.FAILED': { target: 'stopping', actions: 'recordStop' },
      },
    },
    // seed §1.1: connect to the OCI server with the branding's settings and log in.
    oci: {
      entry: { type: 'startConnection', params: { name: 'oci' } },
      on: {
        'CONNECTION.ONLINE': { guard: { type: 'isFrom', params: { name: 'oci' } }, target: 'profile', actions: 'trackConnection' },
        'CONNECTION.FAILED': {
          guard: { type: 'isFrom', params: { name: 'oci' } },
          target: 'stopping',
          actions: ['trackConnection', 'recordStop'],
        },
      },
    },
    // seed §1.1: BroadWorks returns its release and the user profile.
    profile: {
      entry: 'emitFetchProfile',
      on: {
        'PROFILE.LOADED': { target: 'callControl', actions: 'recordProfile' },
        'PROFILE.FAILED': { target: 'stopping', actions: 'recordStop' },
      },
    },
    // seed §3: the release and the portal decide CAP or CTI.
    callControl: {
      always: [
        { guard: 'planFailed', target: 'stopping', actions: 'recordPlanStop' },
        { guard: 'usesCti', target: 'cti' },
        { guard: 'lacksClientCallControl', target: 'stopping', actions: 'recordCapServiceMissing' },
        { target: 'cap' },
      ],
    },
    // seed §1.1: CTI unreachable stops start-up and the user is notified.
    cti: {
      entry: { type: 'startConnection', params: { name: 'cti' } },
      on: {
        'CONNECTION.ONLINE': { guard: { type: 'isFrom', params: { name: 'cti' } }, target: 'license', actions: 'trackConnection' },
        'CONNECTION.FAILED': {
          guard: { type: 'isFrom', params: { name: 'cti' } },
          target: 'stopping',
          actions: ['trackConnection', 'recordStop'],
        },
      },
    },
    // seed §2.2: CAP registers on the OCI connection.
    cap: {
      entry: { type: 'startConnection', params: { name: 'cap' } },
      on: {
        'CONNECTION.ONLINE': { guard: { type: 'isFrom', params: { name: 'cap' } }, target: 'license', actions: 'trackConnection' },
        'CONNECTION.FAILED': {
          guard: { type: 'isFrom', params: { name: 'cap' } },
          target: 'stopping',
          actions: ['trackConnection', 'recordStop'],
        },
      },
    },
    // seed §1.1: once connected to BroadWorks, request the license.
    license: {
      entry: 'emitRequestLicense',
      on: {
        'LICENSE.LOADED': [
          { guard: 'stopsStartup', target: 'stopping', actions: ['recordLicense', 'recordStop'] },
          { target: 'messaging', actions: 'recordLicense' },
        ],
        'LICENSE.FAILED': { target: 'stopping', actions: 'recordStop' },
      },
    },
    // seed §1.1: Kakapo IM&P and/or XMPP as the license allows, in parallel.
    messaging: {
      type: 'parallel',
      states: {
        imp: {
          initial: 'deciding',
          states: {
            deciding: {
              always: [
                { guard: 'impAllowed', target: 'connecting' },
                { target: 'skipped', actions: { type: 'markSkipped', params: { name: 'imp' } } },
              ],
            },
            connecting: {
              entry: { type: 'startConnection', params: { name: 'imp' } },
              on: {
                // Settled either way: messaging never blocks start-up, it keeps retrying by itself.
                'CONNECTION.ONLINE': { guard: { type: 'isFrom', params: { name: 'imp' } }, target: 'settled', actions: 'trackConnection' },
                'CONNECTION.RECONNECTING': { guard: { type: 'isFrom', params: { name: 'imp' } }, target: 'settled', actions: 'trackConnection' },
                'CONNECTION.FAILED': { guard: { type: 'isFrom', params: { name: 'imp' } }, target: 'settled', actions: 'trackConnection' },
              },
            },
            settled: { type: 'final' },
            skipped: { type: 'final' },
          },
        },
        xmpp: {
          initial: 'deciding',
          states: {
            deciding: {
              always: [
                { guard: 'xmppAllowed', target: 'connecting' },
                { target: 'skipped', actions: { type: 'markSkipped', params: { name: 'xmpp' } } },
              ],
            },
            connecting: {
              entry: { type: 'startConnection', params: { name: 'xmpp' } },
              on: {
                'CONNECTION.ONLINE': { guard: { type: 'isFrom', params: { name: 'xmpp' } }, target: 'settled', actions: 'trackConnection' },
                'CONNECTION.RECONNECTING': { guard: { type: 'isFrom', params: { name: 'xmpp' } }, target: 'settled', actions: 'trackConnection' },
                'CONNECTION.FAILED': { guard: { type: 'isFrom', params: { name: 'xmpp' } }, target: 'settled', actions: 'trackConnection' },
              },
            },
            settled: { type: 'final' },
            skipped: { type: 'final' },
          },
        },
      },
      onDone: 'ready',
    },
    // seed §1.1: connected and licensed; XSI is used ad hoc from here. Each connection keeps its own
    // lifecycle; the root's handlers only track their status.
    ready: {},
    // Transient: close what is open, then go to the final state named by context.stop.code.
    stopping: {
      entry: 'closeConnections',
      always: STOP_CODES.map((code) => ({ guard: { type: 'stopCodeIs' as const, params: { code } }, target: code })),
    },
    ...Object.fromEntries(STOP_CODES.map((code) => [code, { type: 'final' as const }])),
  },
});

export type StartupMachine = typeof startupMachine;

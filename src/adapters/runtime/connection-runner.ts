// The generic connection runner: answers one connection machine's effect requests (system id =
// the connection name) with real I/O, and sends every result in through the recorded system's
// dispatch so the log has it. Answers carry the request's `attempt`; the machine ignores stale ones.
import { firstValueFrom, type SchedulerLike } from 'rxjs';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import { isNetFailure, type NetFailure } from '../../effects/net-failure.ts';
import type { Resolver } from '../../effects/resolver.ts';
import type { HttpsAgentPool } from '../../effects/https-agent-pool.ts';
import { connectTcp } from '../../effects/tcp-connect.ts';
import { upgradeTls } from '../../effects/tls-upgrade.ts';
import type { CloseReason, ConnectionEffect, ConnectionName, TlsVersion, TransportFailure } from '../../machines/connection/contract.ts';
import type { LoggedEvent } from '../../machines/log/log-entry.ts';
import type { AttemptContext, ConnectEffect, ConnectStep, ConnectionDriver, SecureEffect, SecureStep } from './connection-driver.ts';
import { tlsFailureOf, transportFailureOf } from './failure-mapping.ts';

export interface Dispatcher {
  dispatch(target: string, event: LoggedEvent, source: 'network' | 'user' | 'random' | 'system'): void;
}

export interface NetControls {
  resolver: Resolver;
  /** Trusted CA certificates (PEM) added to the public roots. */
  ca: string[];
  connectTimeoutMs: number;
  tlsTimeoutMs: number;
  /**
   * `host:port` → the port actually used. For simulators on ephemeral ports only (the lab's XMPP
   * server cannot listen on 5222, which seed §1.1 fixes); like the host map, not a protocol rule.
   */
  portMap?: Record<string, number>;
  scheduler?: SchedulerLike;
  /** Keep-alive HTTPS connections shared by the portal and XSI requests (issue 5: connection reuse). */
  agentPool?: HttpsAgentPool;
}

export function mappedPort(net: Pick<NetControls, 'portMap'>, host: string, port: number): number {
  return net.portMap?.[`${host.toLowerCase()}:${port}`] ?? port;
}

export interface ConnectionRunner {
  readonly name: ConnectionName;
  handle(effect: ConnectionEffect): void;
  /** The socket of the current attempt (for the UI's host/port/TLS). */
  readonly socket: ByteSocket | null;
  /** Resolves when every close in flight (logouts) has finished. */
  settled(): Promise<void>;
}

const asNetFailure = (error: unknown, where: { host: string; port: number }): NetFailure =>
  isNetFailure(error) ? error : { kind: 'reset', message: `the connection to ${where.host}:${where.port} failed`, host: where.host, port: where.port };

export function createConnectionRunner(options: {
  name: ConnectionName;
  system: Dispatcher;
  driver: ConnectionDriver;
  net: NetControls;
}): ConnectionRunner {
  const { name, system, driver, net } = options;
  let current: (AttemptContext & { close(): void }) | null = null;
  const closing = new Set<Promise<void>>();

  const send = (ctx: AttemptContext, event: LoggedEvent): void => {
    if (ctx.closed) return; // an answer to an abandoned attempt: nothing to tell
    system.dispatch(name, { ...event, attempt: ctx.attempt }, 'network');
  };

  const newAttempt = (attempt: number): AttemptContext & { close(): void } => {
    let closed = false;
    let ended = false;
    const ctx: AttemptContext & { close(): void } = {
      attempt,
      socket: null,
      get closed() {
        return closed;
      },
      dropped(failure: TransportFailure) {
        if (closed || ended) return;
        ended = true;
        send(ctx, { type: 'TRANSPORT.DROPPED', failure });
      },
      sessionEnded(reason: string, options?: { replaced?: boolean }) {
        if (closed || ended) return;
        ended = true;
        send(ctx, { type: 'SESSION.ENDED', reason, ...(options?.replaced === true ? { replaced: true } : {}) });
      },
      close() {
        closed = true;
      },
    };
    return ctx;
  };

  const release = (ctx: AttemptContext & { close(): void }, reason: CloseReason): void => {
    if (ctx.closed) return;
    ctx.close();
    const done = driver
      .close(ctx, reason)
      .catch(() => undefined)
      .finally(() => {
        ctx.socket?.destroy();
        closing.delete(done);
      });
    closing.add(done);
  };

  const defaultConnect = async (ctx: AttemptContext, effect: ConnectEffect): Promise<ConnectStep> => {
    try {
      const socket = await firstValueFrom(
        connectTcp({
          host: effect.host,
          port: mappedPort(net, effect.host, effect.port),
          resolver: net.resolver,
          timeoutMs: net.connectTimeoutMs,
          ...(net.scheduler ? { scheduler: net.scheduler } : {}),
        }),
      );
      if (ctx.closed) {
        socket.destroy();
        return { type: 'TRANSPORT.CONNECTED' };
      }
      ctx.socket = socket;
      return { type: 'TRANSPORT.CONNECTED' };
    } catch (error) {
      return { type: 'TRANSPORT.FAILED', failure: transportFailureOf(asNetFailure(error, effect)) };
    }
  };

  const defaultSecure = async (ctx: AttemptContext, effect: SecureEffect): Promise<SecureStep> => {
    const plain = ctx.socket;
    if (plain === null) return { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'no socket to secure' } };
    try {
      const secured = await firstValueFrom(
        upgradeTls(plain, {
          servername: effect.servername,
          version: effect.version,
          ca: net.ca,
          timeoutMs: net.tlsTimeoutMs,
          ...(net.scheduler ? { scheduler: net.scheduler } : {}),
        }),
      );
      if (ctx.closed) {
        secured.destroy();
        return { type: 'TLS.SECURED', version: effect.version };
      }
      ctx.socket = secured;
      return { type: 'TLS.SECURED', version: (secured.info.tls?.version ?? effect.version) as TlsVersion };
    } catch (error) {
      return tlsFailureOf(asNetFailure(error, plain.info));
    }
  };

  const run = <T extends LoggedEvent>(ctx: AttemptContext, step: Promise<T>): void => {
    void step.then(
      (event) => {
        if (event.type === 'TRANSPORT.DROPPED') ctx.dropped(event['failure'] as TransportFailure);
        else send(ctx, event);
      },
      () => ctx.dropped({ kind: 'reset', message: `the ${name} link failed unexpectedly` }),
    );
  };

  return {
    name,
    get socket() {
      return current?.socket ?? null;
    },
    handle(effect) {
      switch (effect.type) {
        case 'effect.connect': {
          if (current !== null) release(current, 'failed');
          const ctx = newAttempt(effect.attempt);
          current = ctx;
          run(ctx, driver.connect ? driver.connect(ctx, effect, () => defaultConnect(ctx, effect)) : defaultConnect(ctx, effect));
          return;
        }
        case 'effect.secure': {
          const ctx = current;
          if (ctx === null || ctx.attempt !== effect.attempt) return;
          run(ctx, (driver.secure ?? defaultSecure)(ctx, effect));
          return;
        }
        case 'effect.authenticate': {
          const ctx = current;
          if (ctx === null || ctx.attempt !== effect.attempt) return;
          run(ctx, driver.authenticate(ctx));
          return;
        }
        case 'effect.keepalive': {
          const ctx = current;
          if (ctx === null || ctx.attempt !== effect.attempt) return;
          const seq = effect.seq;
          void driver.keepalive(ctx).then(
            (answered) => {
              if (answered) send(ctx, { type: 'KEEPALIVE.ACK', seq });
            },
            () => undefined,
          );
          return;
        }
        case 'effect.close': {
          const ctx = current;
          if (ctx === null || ctx.attempt !== effect.attempt) return;
          release(ctx, effect.reason);
          return;
        }
      }
    },
    async settled() {
      while (closing.size > 0) await Promise.all([...closing]);
    },
  };
}

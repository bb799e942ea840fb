// SASL as the real Prosody (Debian's 0.12.3) offers it, one lab server per configuration: which
// mechanism the engine picks, that it logs in with it, and that the channel binding and the GS2
// flag are what the server checks. Prosody 0.12's own -PLUS binding is tls-unique on TLS 1.2;
// tls-exporter and tls-server-end-point come from the lab module (prosody-channel-binding-module.ts),
// but Prosody's own SCRAM code does the exchange and compares the binding.
// SCRAM-SHA-512 is not in Prosody 0.12 at all: see scram-server.test.ts.
import { concatMap, firstValueFrom, map } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XmppFailure, type UpgradeTls, type XmppSession } from '../../../src/adapters/xmpp/index.ts';
import type { ByteSocket } from '../../../src/effects/byte-socket.ts';
import { upgradeTls } from '../../../src/effects/tls-upgrade.ts';
import type { ProsodySaslOptions } from '../../../src/lab/xmpp/index.ts';
import { systemProgram } from '../../support/system-programs.ts';
import { DOMAIN, startXmppFixture, USERS, type SessionOptions, type XmppFixture } from './support/xmpp-fixture.ts';

const prosody = systemProgram('prosody');

async function failureOf(promise: Promise<unknown>): Promise<XmppFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof XmppFailure) return error;
    throw error;
  }
  throw new Error('expected an XmppFailure');
}

/** open → STARTTLS → SASL, keeping the offered mechanisms and the session. */
async function login(fx: XmppFixture, options: SessionOptions & { password?: string } = {}) {
  const { session, socket } = await fx.connect('alice', options);
  const secured = await firstValueFrom(
    session.open(socket).pipe(concatMap(() => session.startTls(options.tlsVersion ? { version: options.tlsVersion } : {}))),
  );
  const offered = secured.features;
  const mechanism = firstValueFrom(session.authenticate({ password: options.password ?? USERS.alice }));
  return { session, offered, tlsVersion: secured.version, mechanism };
}

/** A session that logs in with `options` and binds, so the login is proven complete. */
async function loginAndBind(fx: XmppFixture, options: SessionOptions = {}): Promise<XmppSession> {
  const { session, mechanism } = await login(fx, options);
  await mechanism;
  await expect(firstValueFrom(session.bind())).resolves.toMatch(new RegExp(`^alice@${DOMAIN}/`));
  return session;
}

function withServer(sasl: ProsodySaslOptions | undefined, body: (fx: () => XmppFixture) => void): void {
  let fx: XmppFixture;
  beforeAll(async () => {
    fx = await startXmppFixture(sasl ? { sasl } : {});
  });
  afterAll(async () => {
    await fx?.server.stop();
  });
  body(() => fx);
}

/** The TLS effect, with the channel binding of the secured socket replaced (a TLS proxy in the way). */
const tamperedBinding: UpgradeTls = (socket, options) =>
  upgradeTls(socket, options).pipe(
    map(
      (secured): ByteSocket => ({
        data$: secured.data$,
        info: secured.info,
        write: (data) => secured.write(data),
        end: () => secured.end(),
        destroy: () => secured.destroy(),
        channelBinding: (type) => secured.channelBinding?.(type)?.map((b) => b ^ 0xff) ?? null,
      }),
    ),
  );

prosody.describe('SASL against Prosody 0.12 as installed (defaults: internal_hashed, SHA-1)', () => {
  withServer(undefined, (fx) => {
    it('is Prosody 0.12.3, the version these results are about', async () => {
      const { readFile } = await import('node:fs/promises');
      expect((await readFile('/usr/lib/prosody/prosody.version', 'utf8')).trim()).toMatch(/^0\.12\./);
    });

    it('on TLS 1.3 offers SCRAM-SHA-1 and PLAIN without -PLUS; the engine takes SCRAM-SHA-1 with GS2 flag y', async () => {
      const { session, offered, tlsVersion, mechanism } = await login(fx(), { tlsVersion: 'TLSv1.3' });
      expect(tlsVersion).toBe('TLSv1.3');
      expect([...offered.mechanisms].sort()).toEqual(['PLAIN', 'SCRAM-SHA-1']);
      await expect(mechanism).resolves.toBe('SCRAM-SHA-1');
      // RFC 5802 §6: the client could bind (tls-exporter) but the server offers no -PLUS.
      expect(session.sasl).toEqual({ mechanism: 'SCRAM-SHA-1', gs2Flag: 'y', channelBinding: null });
      session.destroy();
    });

    it('on TLS 1.2 offers SCRAM-SHA-1-PLUS; the engine binds with tls-unique and Prosody accepts the binding', async () => {
      const session = await loginAndBind(fx(), { tlsVersion: 'TLSv1.2' });
      expect(session.tlsVersion).toBe('TLSv1.2');
      expect(session.sasl).toEqual({ mechanism: 'SCRAM-SHA-1-PLUS', gs2Flag: 'p', channelBinding: 'tls-unique' });
      session.destroy();
    });

    it('refuses the login when the tls-unique binding is not this connection (a TLS proxy in the way)', async () => {
      const { session, mechanism } = await login(fx(), { tlsVersion: 'TLSv1.2', upgradeTls: tamperedBinding });
      const failure = await failureOf(mechanism);
      expect(failure.code).toBe('auth-failed');
      expect(failure.condition).toBe('malformed-request');
      expect(failure.message).toContain('did not accept the channel binding tls-unique');
      expect(failure.message).toContain('The server said: "Invalid channel binding value."');
      session.destroy();
    });
  });
});

prosody.describe('SASL against Prosody 0.12 storing SCRAM-SHA-256 keys (password_hash = SHA-256)', () => {
  withServer({ passwordHash: 'SHA-256' }, (fx) => {
    it('on TLS 1.3 logs in with SCRAM-SHA-256 (the only SCRAM offered)', async () => {
      const { session, offered, mechanism } = await login(fx(), { tlsVersion: 'TLSv1.3' });
      expect([...offered.mechanisms].sort()).toEqual(['PLAIN', 'SCRAM-SHA-256']);
      await expect(mechanism).resolves.toBe('SCRAM-SHA-256');
      session.destroy();
    });

    it('on TLS 1.2 logs in with SCRAM-SHA-256-PLUS bound with tls-unique', async () => {
      const session = await loginAndBind(fx(), { tlsVersion: 'TLSv1.2' });
      expect(session.sasl).toEqual({ mechanism: 'SCRAM-SHA-256-PLUS', gs2Flag: 'p', channelBinding: 'tls-unique' });
      session.destroy();
    });

    it('reports a wrong password as not-authorized with the server text, never the password', async () => {
      const { session, mechanism } = await login(fx(), { tlsVersion: 'TLSv1.3', password: 'wrong-pw-123' });
      const failure = await failureOf(mechanism);
      expect(failure.code).toBe('auth-failed');
      expect(failure.condition).toBe('not-authorized');
      expect(failure.message).toContain(`the XMPP server ${DOMAIN} refused the login of alice@${DOMAIN} with SCRAM-SHA-256 (not-authorized)`);
      expect(failure.message).toContain('The server said: "');
      expect(failure.message).not.toContain('wrong-pw-123');
      session.destroy();
    });
  });
});

prosody.describe('SASL against Prosody 0.12 keeping passwords (internal_plain: SCRAM-SHA-1 and SCRAM-SHA-256)', () => {
  withServer({ storage: 'plain' }, (fx) => {
    it('picks the strongest: SCRAM-SHA-256 over SCRAM-SHA-1 on TLS 1.3, SCRAM-SHA-256-PLUS on TLS 1.2', async () => {
      const tls13 = await login(fx(), { tlsVersion: 'TLSv1.3' });
      expect([...tls13.offered.mechanisms].sort()).toEqual(['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256']);
      await expect(tls13.mechanism).resolves.toBe('SCRAM-SHA-256');
      tls13.session.destroy();
      const tls12 = await login(fx(), { tlsVersion: 'TLSv1.2' });
      expect([...tls12.offered.mechanisms].sort()).toEqual(['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS']);
      await expect(tls12.mechanism).resolves.toBe('SCRAM-SHA-256-PLUS');
      tls12.session.destroy();
    });
  });
});

prosody.describe('SASL against Prosody 0.12 offering PLAIN only', () => {
  withServer({ disable: ['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS'] }, (fx) => {
    it('logs in with PLAIN over TLS when no SCRAM is offered', async () => {
      const { session, offered, mechanism } = await login(fx(), { tlsVersion: 'TLSv1.3' });
      expect(offered.mechanisms).toEqual(['PLAIN']);
      await expect(mechanism).resolves.toBe('PLAIN');
      expect(session.sasl).toEqual({ mechanism: 'PLAIN', gs2Flag: null, channelBinding: null });
      session.destroy();
    });
  });
});

prosody.describe('downgrade protection against Prosody 0.12 (RFC 5802 §6, GS2 flag y)', () => {
  // The server supports tls-unique on TLS 1.2 but does not offer SCRAM-SHA-1-PLUS: exactly what a
  // client sees when an attacker strips the -PLUS offer. The client says "y" (it could bind), and a
  // server that binds must then fail the login — Prosody does.
  withServer({ disable: ['SCRAM-SHA-1-PLUS'] }, (fx) => {
    it('sends y, and Prosody refuses; the message says why and what the administrator can do', async () => {
      const { session, offered, mechanism } = await login(fx(), { tlsVersion: 'TLSv1.2' });
      expect([...offered.mechanisms].sort()).toEqual(['PLAIN', 'SCRAM-SHA-1']);
      const failure = await failureOf(mechanism);
      expect(failure.condition).toBe('malformed-request');
      expect(failure.message).toContain('supports channel binding but offered no SCRAM-…-PLUS mechanism');
      expect(failure.message).toContain('offer the -PLUS mechanisms again');
      session.destroy();
    });

    it('on TLS 1.3 (no binding in Prosody 0.12) the same server accepts y', async () => {
      const { session, mechanism } = await login(fx(), { tlsVersion: 'TLSv1.3' });
      await expect(mechanism).resolves.toBe('SCRAM-SHA-1');
      expect(session.sasl?.gs2Flag).toBe('y');
      session.destroy();
    });
  });
});

prosody.describe('tls-exporter (RFC 9266) on TLS 1.3, checked by Prosody 0.12 SCRAM with the lab module', () => {
  withServer({ storage: 'plain', channelBindings: ['tls-exporter'] }, (fx) => {
    it('offers -PLUS on TLS 1.3; the engine binds with tls-exporter (the TLS 1.3 default) and Prosody accepts it', async () => {
      const { offered } = await login(fx(), { tlsVersion: 'TLSv1.3' });
      expect(offered.mechanisms).toContain('SCRAM-SHA-256-PLUS');
      expect(offered.channelBindings).toBeNull(); // not listed (no XEP-0440): the default type is used
      const session = await loginAndBind(fx(), { tlsVersion: 'TLSv1.3' });
      expect(session.sasl).toEqual({ mechanism: 'SCRAM-SHA-256-PLUS', gs2Flag: 'p', channelBinding: 'tls-exporter' });
      session.destroy();
    });

    it('refuses a tls-exporter value that is not this connection', async () => {
      const { session, mechanism } = await login(fx(), { tlsVersion: 'TLSv1.3', upgradeTls: tamperedBinding });
      const failure = await failureOf(mechanism);
      expect(failure.condition).toBe('malformed-request');
      expect(failure.message).toContain('did not accept the channel binding tls-exporter');
      session.destroy();
    });
  });
});

prosody.describe('tls-server-end-point (RFC 5929 §4.1), listed with XEP-0440, checked by Prosody 0.12 SCRAM with the lab module', () => {
  withServer({ storage: 'plain', channelBindings: ['tls-server-end-point'], advertiseChannelBindings: true }, (fx) => {
    for (const tlsVersion of ['TLSv1.2', 'TLSv1.3'] as const) {
      it(`on ${tlsVersion}: the server lists only tls-server-end-point, and the engine binds with it`, async () => {
        const { offered } = await login(fx(), { tlsVersion });
        expect(offered.channelBindings).toEqual(['tls-server-end-point']);
        const session = await loginAndBind(fx(), { tlsVersion });
        expect(session.sasl).toEqual({ mechanism: 'SCRAM-SHA-256-PLUS', gs2Flag: 'p', channelBinding: 'tls-server-end-point' });
        session.destroy();
      });
    }

    it('refuses a certificate hash that is not of the server certificate', async () => {
      const { session, mechanism } = await login(fx(), { tlsVersion: 'TLSv1.2', upgradeTls: tamperedBinding });
      const failure = await failureOf(mechanism);
      expect(failure.condition).toBe('malformed-request');
      expect(failure.message).toContain('did not accept the channel binding tls-server-end-point');
      session.destroy();
    });
  });
});

prosody.describe('every binding type listed (XEP-0440)', () => {
  withServer({ storage: 'plain', channelBindings: ['tls-unique', 'tls-exporter', 'tls-server-end-point'], advertiseChannelBindings: true }, (fx) => {
    it('binds with the strongest the connection has: tls-exporter on TLS 1.3, tls-unique on TLS 1.2', async () => {
      const tls13 = await loginAndBind(fx(), { tlsVersion: 'TLSv1.3' });
      expect(tls13.sasl?.channelBinding).toBe('tls-exporter');
      tls13.destroy();
      const tls12 = await loginAndBind(fx(), { tlsVersion: 'TLSv1.2' });
      expect(tls12.sasl?.channelBinding).toBe('tls-unique');
      tls12.destroy();
    });
  });
});

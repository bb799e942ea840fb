// ConnectionLog.txt (issue 6; seed §5.1) rendered from event logs recorded by the real machines:
// scripted answers on a virtual clock (exact lines), and a session against the lab.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createUnityClient } from '../../src/client/create-unity-client.ts';
import { labClientConfig } from '../../src/client/lab-client-config.ts';
import { run as connectionLogCommand } from '../../src/cli-shell/commands/connection-log.ts';
import { renderConnectionLog } from '../../src/client/connection-log/index.ts';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';
import { encodeLog } from '../../src/machines/log/jsonl.ts';
import { defaultBranding, startScriptedSession } from '../machines/support/scripted-session.ts';

const tlsBranding = {
  ...defaultBranding,
  connectivity: { ...defaultBranding.connectivity, ociTls: { enabled: true, port: 2209, securityProtocol: 'TLSv1.2' as const } },
};

describe('connection log', () => {
  it('shows connect, TLS, online, an unexpected drop, the reconnect 15 s later, and a user close', () => {
    const s = startScriptedSession({ branding: () => ({ type: 'BRANDING.LOADED', branding: tlsBranding }) });
    s.advance(2_000);
    s.send('cti', { type: 'TRANSPORT.DROPPED', attempt: 1, failure: { kind: 'reset', message: 'The connection to cti.example.test:8011 was reset.' } }, 'network');
    s.advance(15_000);
    s.send('startup', { type: 'CLOSE' }, 'user');
    expect(renderConnectionLog(s.system.entries)).toEqual([
      '+0.000s   portal  -                       https    fetching branding (by login ID)',
      '+0.000s   portal  -                       https    branding loaded (User level)',
      '+0.000s   oci     oci.example.test:2209   plain    connecting',
      '+0.000s   oci     oci.example.test:2209   plain    TCP connected',
      '+0.000s   oci     oci.example.test:2209   TLSv1.2  TLS secured TLSv1.2',
      '+0.000s   oci     oci.example.test:2209   TLSv1.2  online',
      '+0.000s   cti     cti.example.test:8011   plain    connecting',
      '+0.000s   cti     cti.example.test:8011   plain    TCP connected',
      '+0.000s   cti     cti.example.test:8011   plain    online',
      '+0.000s   portal  -                       https    requesting license',
      '+0.000s   portal  -                       https    license: Licensed',
      '+0.000s   imp     im.example.test:2208    plain    connecting',
      '+0.000s   xmpp    xmpp.example.test:5222  plain    connecting',
      '+0.000s   imp     im.example.test:2208    plain    TCP connected',
      '+0.000s   xmpp    xmpp.example.test:5222  plain    TCP connected',
      '+0.000s   imp     im.example.test:2208    plain    online',
      '+0.000s   xmpp    xmpp.example.test:5222  TLSv1.2  TLS secured TLSv1.2',
      '+0.000s   xmpp    xmpp.example.test:5222  TLSv1.2  online',
      '+2.000s   cti     cti.example.test:8011   plain    dropped: The connection to cti.example.test:8011 was reset.',
      '+2.000s   cti     cti.example.test:8011   plain    reconnecting in 15 s',
      '+17.000s  cti     cti.example.test:8011   plain    connecting (attempt 2)',
      '+17.000s  cti     cti.example.test:8011   plain    TCP connected',
      '+17.000s  cti     cti.example.test:8011   plain    online',
      '+17.000s  oci     oci.example.test:2209   TLSv1.2  closed by user',
      '+17.000s  cti     cti.example.test:8011   plain    closed by user',
      '+17.000s  imp     im.example.test:2208    plain    closed by user',
      '+17.000s  xmpp    xmpp.example.test:5222  TLSv1.2  closed by user',
    ]);
  });

  it('shows a failed CTI connection with its reason, then the connections start-up closes (ISO times)', () => {
    const refused = 'The server at cti.example.test:8011 refused the connection.';
    const s = startScriptedSession({
      connections: { cti: { connect: (e) => ({ type: 'TRANSPORT.FAILED', attempt: e.attempt, failure: { kind: 'refused', message: refused } }) } },
    });
    const lines = renderConnectionLog(s.system.entries, { startedAt: new Date('2026-11-26T12:00:00.000Z') });
    expect(lines.slice(-3)).toEqual([
      '2026-11-26T12:00:00.000Z  cti     cti.example.test:8011  plain  connecting',
      `2026-11-26T12:00:00.000Z  cti     cti.example.test:8011  plain  failed: ${refused}`,
      '2026-11-26T12:00:00.000Z  oci     oci.example.test:2208  plain  closed (start-up stopped)',
    ]);
  });

  it('shows a failed TLS handshake with its reason', () => {
    const reason = 'The server at oci.example.test:2209 and this client found no common TLS version.';
    const s = startScriptedSession({
      branding: () => ({ type: 'BRANDING.LOADED', branding: tlsBranding }),
      connections: { oci: { secure: (e) => ({ type: 'TLS.FAILED', attempt: e.attempt, failure: { cause: 'version-refused', message: reason } }) } },
    });
    const lines = renderConnectionLog(s.system.entries);
    expect(lines.slice(-2)).toEqual([
      '+0.000s  oci     oci.example.test:2209  plain  TCP connected',
      `+0.000s  oci     oci.example.test:2209  plain  failed: ${reason}`,
    ]);
  });

  it('shows a reconnect attempt that fails as failed, and the next reconnect', () => {
    const refused = 'The server at cti.example.test:8011 refused the connection.';
    const s = startScriptedSession({
      connections: {
        cti: {
          connect: (e) => (e.attempt === 2
            ? { type: 'TRANSPORT.FAILED', attempt: e.attempt, failure: { kind: 'refused', message: refused } }
            : { type: 'TRANSPORT.CONNECTED', attempt: e.attempt }),
        },
      },
    });
    s.send('cti', { type: 'TRANSPORT.DROPPED', attempt: 1, failure: { kind: 'peer-closed', message: 'closed by the server' } }, 'network');
    s.advance(15_000);
    s.advance(15_000);
    const cti = renderConnectionLog(s.system.entries).filter((l) => / cti /.test(l)).map((l) => l.replace(/^\+\S+ +/, ''));
    expect(cti.slice(3)).toEqual([
      'cti     cti.example.test:8011   plain    dropped: closed by the server',
      'cti     cti.example.test:8011   plain    reconnecting in 15 s',
      'cti     cti.example.test:8011   plain    connecting (attempt 2)',
      `cti     cti.example.test:8011   plain    failed: ${refused}`,
      'cti     cti.example.test:8011   plain    reconnecting in 15 s',
      'cti     cti.example.test:8011   plain    connecting (attempt 3)',
      'cti     cti.example.test:8011   plain    TCP connected',
      'cti     cti.example.test:8011   plain    online',
    ]);
  });

  it('shows a keepalive left unanswered as a drop, and uses the session\'s reconnect delay', () => {
    const s = startScriptedSession({ connections: { oci: { keepalive: () => null } } }, {
      serverHost: 'oci.example.test', loginId: 'alice@example.test', clientType: 'Desktop', clientVersion: '8.0.1', reconnectDelayMs: 5_000,
    });
    s.advance(400_000);
    const oci = renderConnectionLog(s.system.entries).filter((l) => / oci /.test(l));
    expect(oci.slice(3, 6).map((l) => l.replace(/^\+\S+ +/, ''))).toEqual([
      'oci     oci.example.test:2208   plain    dropped: no answer to the keepalive',
      'oci     oci.example.test:2208   plain    reconnecting in 5 s',
      'oci     oci.example.test:2208   plain    connecting (attempt 2)',
    ]);
  });

  it('shows a portal that cannot be reached', () => {
    const reason = 'No answer from portal.example.test:443 within 15 s.';
    const s = startScriptedSession({ branding: () => ({ type: 'BRANDING.FAILED', failure: { kind: 'timeout', message: reason } }) });
    expect(renderConnectionLog(s.system.entries, { portalTarget: 'portal.example.test:443' })).toEqual([
      '+0.000s  portal  portal.example.test:443  https  fetching branding (by login ID)',
      `+0.000s  portal  portal.example.test:443  https  branding failed: ${reason}`,
    ]);
  });

  it('`connection-log FILE` prints the lines of a JSON Lines log', async () => {
    const s = startScriptedSession();
    s.send('startup', { type: 'CLOSE' }, 'user');
    const dir = await mkdtemp(join(tmpdir(), 'connection-log-'));
    try {
      const file = join(dir, 'session.jsonl');
      await writeFile(file, encodeLog(s.system.entries));
      let out = '';
      const code = await connectionLogCommand([file, '--relative', '--portal', 'portal.example.test:443'], { stdout: (t) => void (out += t), stderr: () => undefined });
      expect(code).toBe(0);
      expect(out).toBe(`${renderConnectionLog(s.system.entries, { portalTarget: 'portal.example.test:443' }).join('\n')}\n`);
      expect(out.split('\n')[0]).toBe('+0.000s  portal  portal.example.test:443  https    fetching branding (by login ID)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('connection log of a session against the lab', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.stop();
    lab = undefined;
  });

  it('names each connection\'s host:port and negotiated TLS version (r24-cti-tls)', async () => {
    lab = await startLab({ scenario: 'r24-cti-tls' });
    const client = createUnityClient(labClientConfig(lab));
    const snapshot = await client.start();
    expect(snapshot.outcome).toBe('ready');
    await client.stop();
    const oci = lab.services['oci-tls']!;
    const cti = lab.services['cti-tls']!;
    const lines = renderConnectionLog(client.log.entries, { startedAt: client.log.entries[0]!.t }).map((l) => l.replace(/^\S+ +/, ''));
    const ociTarget = `ocs.lab.test:${oci.port}`;
    const ctiTarget = `cti.lab.test:${cti.port}`;
    const width = Math.max(ociTarget.length, ctiTarget.length, `im.lab.test:${lab.services['imp']!.port}`.length, 1);
    const row = (c: string, target: string, tls: string, text: string) => `${c.padEnd(6)}  ${target.padEnd(width)}  ${tls.padEnd(7)}  ${text}`;
    expect(lines).toEqual(expect.arrayContaining([
      row('oci', ociTarget, 'plain', 'connecting'),
      row('oci', ociTarget, 'TLSv1.2', 'TLS secured TLSv1.2'),
      row('oci', ociTarget, 'TLSv1.2', 'online'),
      row('cti', ctiTarget, 'TLSv1.2', 'online'),
      row('oci', ociTarget, 'TLSv1.2', 'closed by user'),
    ]));
  });
});

import { describe, expect, it } from 'vitest';
import { ScramFailure, scramSha1Start } from '../../../src/adapters/xmpp/scram.ts';

// RFC 5802 §5: the example exchange for user "user", password "pencil".
const CLIENT_NONCE = 'fyko+d2lbbFgONRv9qkxdawL';
const SERVER_FIRST = 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096';
const CLIENT_FINAL = 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=';
const SERVER_FINAL = 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=';

describe('SCRAM-SHA-1 client (RFC 5802)', () => {
  it('produces the RFC 5802 example messages byte for byte and accepts the server signature', async () => {
    const first = scramSha1Start('user', CLIENT_NONCE);
    expect(first.message).toBe('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    const final = await first.respond(SERVER_FIRST, 'pencil');
    expect(final.message).toBe(CLIENT_FINAL);
    expect(() => final.verify(SERVER_FINAL)).not.toThrow();
  });

  it('rejects a server signature made without the password (no mutual authentication)', async () => {
    const final = await scramSha1Start('user', CLIENT_NONCE).respond(SERVER_FIRST, 'pencil');
    expect(() => final.verify('v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toThrow(ScramFailure);
  });

  it('gives a different proof for a wrong password', async () => {
    const final = await scramSha1Start('user', CLIENT_NONCE).respond(SERVER_FIRST, 'pencil2');
    expect(final.message).not.toBe(CLIENT_FINAL);
  });

  it('refuses a server nonce that does not extend the client nonce', async () => {
    const first = scramSha1Start('user', CLIENT_NONCE);
    await expect(first.respond('r=someoneelse,s=QSXCR+Q6sek8bf92,i=4096', 'pencil')).rejects.toMatchObject({ code: 'nonce-mismatch' });
  });

  it('refuses an absurd iteration count from the server', async () => {
    const first = scramSha1Start('user', CLIENT_NONCE);
    await expect(first.respond(`r=${CLIENT_NONCE}x,s=QSXCR+Q6sek8bf92,i=999999999`, 'pencil')).rejects.toMatchObject({ code: 'iteration-count-out-of-range' });
  });

  it('escapes = and , in the user name (RFC 5802 §5.1)', () => {
    expect(scramSha1Start('a=b,c', 'n0nce').message).toBe('n,,n=a=3Db=2Cc,r=n0nce');
  });

  it('reports a server error attribute without echoing the password', async () => {
    const final = await scramSha1Start('user', CLIENT_NONCE).respond(SERVER_FIRST, 'pencil');
    try {
      final.verify('e=invalid-proof');
      expect.unreachable();
    } catch (err) {
      expect((err as ScramFailure).code).toBe('server-error');
      expect((err as Error).message).not.toContain('pencil');
    }
  });
});

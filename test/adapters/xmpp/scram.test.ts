import { describe, expect, it } from 'vitest';
import { ScramFailure, scramSha1Start, scramStart } from '../../../src/adapters/xmpp/scram.ts';

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

// RFC 7677 §3: the SCRAM-SHA-256 example exchange (user "user", password "pencil").
const RFC7677 = {
  clientNonce: 'rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

describe('SCRAM-SHA-256 client (RFC 7677)', () => {
  it('produces the RFC 7677 example messages byte for byte and accepts the server signature', async () => {
    const first = scramStart({ hash: 'SHA-256', username: 'user', clientNonce: RFC7677.clientNonce });
    expect(first.message).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const final = await first.respond(RFC7677.serverFirst, 'pencil');
    expect(final.message).toBe(RFC7677.clientFinal);
    expect(() => final.verify(RFC7677.serverFinal)).not.toThrow();
    // The SHA-1 server signature of another exchange is not accepted.
    expect(() => final.verify(SERVER_FINAL)).toThrow(ScramFailure);
  });
});

// SCRAM-SHA-512 has no RFC example. These values were computed once with Python's hashlib/hmac (an
// implementation independent of ours) from RFC 5802 §3's formulas, on RFC 7677's inputs.
describe('SCRAM-SHA-512 client (RFC 5802 with SHA-512)', () => {
  it('matches an independently computed exchange', async () => {
    const first = scramStart({ hash: 'SHA-512', username: 'user', clientNonce: RFC7677.clientNonce });
    const final = await first.respond(RFC7677.serverFirst, 'pencil');
    expect(final.message).toBe(
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=gMGXRcevScNtxZ6/8lQYpGtnsNAc3mGcmNomv+xnoOMw+3R2xNJdMNnzMlTN8PPC6wdp6dybEmDYXYTxwnYPJQ==',
    );
    expect(() => final.verify('v=ZQnYEgWQMFmmsM8aQMF0nDDCy/AgCzkwk8CmMZYcMg0vSVlKDanekLtifDSeVGT4+5ZxXnJq199RVG2rR7N7Zw==')).not.toThrow();
  });

  it('with channel binding: the GS2 header p=tls-exporter and the binding data go into c= and into the proof', async () => {
    const data = Uint8Array.from({ length: 32 }, (_v, i) => i);
    const first = scramStart({ hash: 'SHA-512', username: 'user', clientNonce: RFC7677.clientNonce, channelBinding: { flag: 'p', type: 'tls-exporter', data } });
    expect(first.message).toBe('p=tls-exporter,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const final = await first.respond(RFC7677.serverFirst, 'pencil');
    // c = base64("p=tls-exporter,," + data), RFC 5802 §7 channel-binding.
    expect(final.message).toBe(
      'c=cD10bHMtZXhwb3J0ZXIsLAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=jVaGV/PIJ7hgkpxV9a1jdpzyYkHQH9gW6fn3DbAL2oEA+5w4CCSJjoq8G37bn2FsGaVEMsk4kiHRqMUoN/aiiA==',
    );
    expect(() => final.verify('v=bTvxua5nsJsvSd2bk+1WbSe84MBgjkACQPOqiN7MhTBLYxVX2QUqwET2NLcZEv2CfexR6NbAMluKltOEs5vLYw==')).not.toThrow();
  });
});

describe('GS2 header (RFC 5802 §7)', () => {
  it('y: "y,," in the first message and c=eSws (base64 of "y,,"), which the proof covers', async () => {
    const first = scramStart({ hash: 'SHA-1', username: 'user', clientNonce: CLIENT_NONCE, channelBinding: { flag: 'y' } });
    expect(first.message).toBe('y,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    const final = await first.respond(SERVER_FIRST, 'pencil');
    // Computed with Python's hashlib/hmac, as above.
    expect(final.message).toBe('c=eSws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=BjZF5dV+EkD3YCb3pH3IP8riMGw=');
    expect(() => final.verify('v=dsprQ5R2AGYt1kn4bQRwTAE0PTU=')).not.toThrow();
    // The server signature of the n,, exchange does not verify a y,, exchange: the flag is bound.
    expect(() => final.verify(SERVER_FINAL)).toThrow(ScramFailure);
  });

  it('refuses a client nonce with a comma or a non-printable character', () => {
    expect(() => scramStart({ hash: 'SHA-256', username: 'u', clientNonce: 'a,b' })).toThrow();
    expect(() => scramStart({ hash: 'SHA-256', username: 'u', clientNonce: 'a b' })).toThrow();
    expect(() => scramStart({ hash: 'SHA-256', username: 'u', clientNonce: '' })).toThrow();
  });

  it('refuses a server-first message with a mandatory extension (m=) it does not know', async () => {
    const first = scramStart({ hash: 'SHA-256', username: 'user', clientNonce: RFC7677.clientNonce });
    await expect(first.respond(`m=ext,${RFC7677.serverFirst}`, 'pencil')).rejects.toMatchObject({ code: 'malformed-server-first' });
  });
});

// The lab's server-side answer injector (lab/net/faults.ts: answer, expire-tokens, duplicate-login)
// over raw sockets: each bad answer arrives in the protocol's framing, in the shape its name says
// (checked with the codecs' own decoders, never the project's adapters), exactly `count` times;
// tokens issued before expire-tokens are refused and fresh ones accepted; duplicate-login ends the
// open sessions the way each protocol says another login took over.
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basicCredentials } from '../../src/codecs/cti/credentials.ts';
import type { CtiMessage } from '../../src/codecs/cti/messages.ts';
import { decodeCtiMessage, encodeCtiMessage } from '../../src/codecs/cti/stream.ts';
import { createEnvelopeCipher, DEVELOPMENT_KEY_RING } from '../../src/codecs/kakapo/cipher.ts';
import { decodeKempBody } from '../../src/codecs/kakapo/kemp-body.ts';
import { createKempFrameParser, type KempFrame } from '../../src/codecs/kakapo/kemp-frame.ts';
import { KAKAPO_SOAP_PATH } from '../../src/codecs/kakapo/soap.ts';
import { decodeOciDocument } from '../../src/codecs/oci/envelope.ts';
import { parseXml } from '../../src/codecs/xml/index.ts';
import { startImpServer, KEMP_BYE_REPLACED, type ImpServer } from '../../src/lab/imp-server/imp-server.ts';
import { LAB_OVERSIZE_ANSWER_BYTES, parseLabFault, type LabAnswerKind } from '../../src/lab/net/faults.ts';
import { issueImpToken } from '../../src/lab/portal/imp-token.ts';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';
import { RawKemp } from './imp-raw-client.ts';
import { rawHttps } from './portal-https-client.ts';
import { command, connectRaw, ociRequest } from './support/raw-client.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ scenario: 'r22-cti', seed: 'answer-faults' });
});
afterAll(async () => {
  await lab.stop();
});

const KINDS: readonly LabAnswerKind[] = ['server-error', 'garbled', 'doctype', 'oversize', 'unexpected'];
const ann = () => lab.users[0]!;

/** Bytes from a fresh connection until `done` says one answer is complete (or the peer closed). */
function exchange(port: number, request: Uint8Array | string, done: (bytes: Buffer) => boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    const finish = (): void => {
      socket.destroy();
      resolve(Buffer.concat(chunks));
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      // Cheap check on the tail; the whole buffer only once it may be complete.
      if (chunk.at(-1) === 0x0a && done(Buffer.concat(chunks, size))) finish();
    });
    socket.on('close', finish);
    socket.on('error', reject);
  });
}

describe('answer fault: OCS (OCI-P), the answer to the first login document', () => {
  const login = ociRequest('lab-s1', command('AuthenticationRequest', `<userId>ann@lab.test</userId>`));
  const oneDocument = (b: Buffer): boolean => b.includes('</BroadsoftDocument>');

  it.each(KINDS)('%s', async (kind) => {
    await lab.fault('oci', { type: 'answer', answer: kind, count: 1 });
    const bytes = await exchange(lab.services['oci']!.port, login, oneDocument);
    const doc = decodeOciDocument(bytes, { maxBytes: 16 * 1024 * 1024 });
    switch (kind) {
      case 'server-error':
        expect(doc.ok && doc.value.document.commands[0]).toMatchObject({ type: 'ErrorResponse', summary: expect.stringContaining('[Error 5001]') });
        break;
      case 'unexpected':
        expect(doc.ok && doc.value.document.commands[0]).toMatchObject({ type: 'SystemSoftwareVersionGetResponse' });
        break;
      case 'garbled':
        expect(doc.ok ? null : doc.error.code).toBe('MALFORMED_XML');
        break;
      case 'doctype':
        expect(doc.ok ? null : doc.error.code).toBe('DOCTYPE_REFUSED');
        break;
      case 'oversize':
        expect(bytes.length).toBeGreaterThan(8 * 1024 * 1024);
        expect(bytes.length).toBeLessThanOrEqual(LAB_OVERSIZE_ANSWER_BYTES);
        break;
    }
    // count 1: the next login is answered as usual.
    const normal = decodeOciDocument(await exchange(lab.services['oci']!.port, login, oneDocument));
    expect(normal.ok && normal.value.document.commands[0]).toMatchObject({ type: 'AuthenticationResponse' });
  });
});

describe('answer fault: CTI, the answer to the first request (AddChannelRequest)', () => {
  const addChannel = (requestId: string): Uint8Array => {
    const message: CtiMessage = {
      kind: 'request',
      requestId,
      sessionId: 'lab-cti',
      auth: { credentials: basicCredentials(ann().loginId, ann().password) },
      command: { name: 'AddChannelRequest', params: {}, payload: { root: 'Channel', body: { channelSetId: 'lab-set', priority: 1, weight: 50, expires: 3600 } } },
    };
    const bytes = encodeCtiMessage(message);
    if (!bytes.ok) throw bytes.error;
    return bytes.value;
  };
  const oneMessage = (b: Buffer): boolean => b.subarray(-24).includes('response>\n') || b.subarray(-40).includes('keepaliveResponse>\n');

  it.each(KINDS)('%s', async (kind) => {
    await lab.fault('cti', `answer:${kind}`);
    const bytes = await exchange(lab.services['cti']!.port, addChannel('7'), oneMessage);
    const decoded = decodeCtiMessage(bytes, { maxBytes: 16 * 1024 * 1024 });
    switch (kind) {
      case 'server-error':
        expect(decoded.ok && decoded.value).toMatchObject({ kind: 'response', requestId: '7', statusCode: 503 });
        break;
      case 'unexpected':
        expect(decoded.ok && decoded.value).toMatchObject({ kind: 'keepaliveResponse', requestId: '7' });
        break;
      case 'garbled':
        expect(decoded.ok ? null : decoded.error.code).toBe('MALFORMED_XML');
        break;
      case 'doctype':
        expect(decoded.ok ? null : decoded.error.code).toBe('DOCTYPE_REFUSED');
        break;
      case 'oversize':
        expect(bytes.length).toBe(LAB_OVERSIZE_ANSWER_BYTES);
        break;
    }
    const normal = decodeCtiMessage(await exchange(lab.services['cti']!.port, addChannel('8'), oneMessage));
    expect(normal.ok && normal.value).toMatchObject({ kind: 'response', requestId: '8', statusCode: 200 });
  });
});

describe('answer fault: HTTPS servers, the next requests', () => {
  const soap = () => rawHttps(lab.services['portal']!.port, lab.caCertPem, 'portal.lab.test', { method: 'POST', path: KAKAPO_SOAP_PATH, headers: { 'content-type': 'text/xml' }, body: '<x/>' });

  it.each(KINDS)('portal %s', async (kind) => {
    await lab.fault('portal', { type: 'answer', answer: kind, count: 1 });
    const res = await soap();
    const parsed = parseXml(res.body.toString('utf8'), { maxBytes: 16 * 1024 * 1024 });
    if (kind === 'server-error') expect(res.status).toBe(503);
    else expect(res.status).toBe(200);
    if (kind === 'garbled') expect(parsed.ok ? null : parsed.error.code).toBe('MALFORMED_XML');
    if (kind === 'doctype') expect(parsed.ok ? null : parsed.error.code).toBe('DOCTYPE_REFUSED');
    if (kind === 'oversize') expect(res.body.length).toBe(LAB_OVERSIZE_ANSWER_BYTES);
    if (kind === 'unexpected') expect(parsed.ok && parsed.value.name).toBe('Unexpected');
    // The fault was used up; the portal answers its own way again (a SOAP fault for this junk body).
    expect((await soap()).status).not.toBe(503);
  });

  it('the portal admin API is never hit by the answer fault', async () => {
    await lab.fault('portal', 'answer:server-error');
    const admin = await rawHttps(lab.services['portal']!.port, lab.caCertPem, 'portal.lab.test', { method: 'GET', path: '/admin/licenses' });
    expect(admin.status).toBe(200);
    expect((await soap()).status).toBe(503);
  });

  it('XSI: answer:server-error:2 answers two requests 503, the third as usual', async () => {
    await lab.fault('xsi', 'answer:server-error:2');
    const get = () =>
      rawHttps(lab.services['xsi']!.port, lab.caCertPem, 'xsp.lab.test', {
        method: 'GET',
        path: `/com.broadsoft.xsi-actions/v2.0/user/${ann().loginId}/calls`,
        headers: { authorization: `Basic ${Buffer.from(`${ann().loginId}:${ann().password}`).toString('base64')}` },
      });
    expect([(await get()).status, (await get()).status, (await get()).status]).toEqual([503, 503, 200]);
  });
});

describe('IM&P: answer, expire-tokens and duplicate-login faults', () => {
  const secret = new Uint8Array(randomBytes(32));
  const cipher = createEnvelopeCipher(DEVELOPMENT_KEY_RING);
  let imp: ImpServer;
  const clients: RawKemp[] = [];
  beforeAll(async () => {
    imp = await startImpServer({ impTokenSecret: secret, users: [{ loginId: 'alice@lab.test', groupId: 'sales' }] });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.socket.destroy();
  });
  afterAll(async () => {
    await imp.stop();
  });
  const token = (issuedAt = Date.now()) => issueImpToken(secret, { loginId: 'alice@lab.test', serverHost: 'ocs.lab.test' }, issuedAt);
  const register = (t: string) => `<register><loginId>alice@lab.test</loginId><groupId>sales</groupId><impToken>${t}</impToken></register>`;
  const client = async (): Promise<RawKemp> => {
    const c = await RawKemp.connect(imp.endpoints.plain!.port);
    clients.push(c);
    return c;
  };

  it.each(KINDS)('answer %s to REGISTER, with the request Seq', async (kind) => {
    await imp.fault({ type: 'answer', answer: kind, count: 1 });
    const c = await client();
    // The codec's own parser refuses an oversize answer (kakapo.md §3.1: body at most 1 MiB) from its header on.
    const parser = createKempFrameParser();
    const firstChunk = new Promise<ReturnType<typeof parser.push>>((resolve) => c.socket.once('data', (chunk: Buffer) => resolve(parser.push(chunk))));
    c.request('REGISTER', 3, register(token()));
    if (kind === 'oversize') {
      const outcome = await firstChunk;
      expect(outcome.ok ? null : outcome.error.code).toBe('TOO_LARGE');
    } else {
      const frame: KempFrame = await c.next();
      expect(frame).toMatchObject({ kind: 'response', seq: 3, status: kind === 'server-error' ? 503 : 200 });
      if (kind !== 'server-error') {
        const plain = cipher.open({ keyId: frame.keyId!, nonce: frame.nonce!, aad: 'REGISTER', ciphertextWithTag: frame.body });
        expect(plain.ok).toBe(true);
        const body = decodeKempBody(plain.ok ? plain.value : new Uint8Array());
        if (kind === 'garbled') expect(body.ok ? null : body.error.code).toBe('MALFORMED_XML');
        if (kind === 'doctype') expect(body.ok ? null : body.error.code).toBe('DOCTYPE_REFUSED');
        if (kind === 'unexpected') expect(body.ok && body.value.type).toBe('bye');
      }
    }
    const next = await client();
    next.request('REGISTER', 1, register(token()));
    expect(await next.next()).toMatchObject({ seq: 1, status: 200 });
  });

  it('expire-tokens: a token issued before the fault is refused 401, one issued after it is accepted', async () => {
    const old = token(Date.now() - 1_000);
    const c = await client();
    c.request('REGISTER', 1, register(old));
    expect(await c.next()).toMatchObject({ status: 200 });
    await imp.fault({ type: 'expire-tokens' });
    c.request('REGISTER', 2, register(old));
    expect(await c.next()).toMatchObject({ seq: 2, status: 401 });
    await new Promise((resolve) => setTimeout(resolve, 2)); // a later millisecond than the fault
    c.request('REGISTER', 3, register(token()));
    expect(await c.next()).toMatchObject({ seq: 3, status: 200 });
  });

  it(`duplicate-login: every registered session gets BYE "${KEMP_BYE_REPLACED}" and is closed; unregistered ones stay`, async () => {
    const a = await client();
    a.request('REGISTER', 1, register(token()));
    expect(await a.next()).toMatchObject({ status: 200 });
    const idle = await client();
    await imp.fault({ type: 'duplicate-login' });
    const bye = await a.next();
    expect(bye).toMatchObject({ kind: 'request', method: 'BYE' });
    expect(RawKemp.open(bye, 'BYE')).toBe(`<bye reason="${KEMP_BYE_REPLACED}"/>`);
    await a.closed;
    expect(imp.registeredUsers()).toEqual([]);
    expect(idle.socket.destroyed).toBe(false);
  });
});

describe('faults that do not apply, and parsing', () => {
  it('duplicate-login on the CTI server ends the open channels with DuplicateChannelSet', async () => {
    const socket = net.connect(lab.services['cti']!.port, '127.0.0.1');
    const got: Buffer[] = [];
    socket.on('data', (c: Buffer) => got.push(c));
    const message: CtiMessage = {
      kind: 'request',
      requestId: '1',
      sessionId: 'lab-cti',
      auth: { credentials: basicCredentials(ann().loginId, ann().password) },
      command: { name: 'AddChannelRequest', params: {}, payload: { root: 'Channel', body: { channelSetId: 'dup-set', priority: 1, weight: 50, expires: 3600 } } },
    };
    socket.write((encodeCtiMessage(message) as { ok: true; value: Uint8Array }).value);
    await expect.poll(() => Buffer.concat(got).toString()).toContain('<channelId>');
    await lab.fault('cti', 'duplicate-login');
    await expect.poll(() => Buffer.concat(got).toString()).toContain('DuplicateChannelSet');
    socket.destroy();
  });

  it('the OCS and Prosody-less services refuse what they cannot show', async () => {
    await expect(lab.fault('oci', 'expire-tokens')).rejects.toThrow(/no tokens to expire/);
    await expect(lab.fault('oci', 'duplicate-login')).rejects.toThrow(/cannot report a duplicate login/);
    expect(parseLabFault('answer:garbled:2')).toEqual({ type: 'answer', answer: 'garbled', count: 2 });
    expect(parseLabFault({ type: 'answer', answer: 'doctype' })).toEqual({ type: 'answer', answer: 'doctype', count: 1 });
    expect(() => parseLabFault('answer:nonsense')).toThrow(/answer needs one of/);
    expect(() => parseLabFault('answer:garbled:0')).toThrow(/count/);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CTI_COMMAND_NAMES } from '../../src/codecs/cti/commands.ts';
import { basicCredentials, parseBasicCredentials } from '../../src/codecs/cti/credentials.ts';
import type { CtiMessage } from '../../src/codecs/cti/messages.ts';
import { createCtiStreamDecoder, decodeCtiMessage, encodeCtiMessage } from '../../src/codecs/cti/stream.ts';
import { ctiMessageArb, minimalCommand } from './cti-arbitrary.ts';

const XSP = 'http://schema.broadsoft.com/XspXMLInterface';
const CTI = 'http://schema.broadsoft.com/CTI';
const BW = 'http://schema.broadsoft.com/xsi';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const utf8 = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function wire(msg: CtiMessage): Uint8Array {
  const r = encodeCtiMessage(msg);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('CTI golden forms (cti-xsi.md §2.2–§2.5)', () => {
  it('writes AddChannelRequest with declaration, substituted uri, method, version, params, payload and a trailing newline', () => {
    const bytes = wire({
      kind: 'request',
      requestId: '1',
      sessionId: 'uc-5',
      auth: { credentials: basicCredentials('alice@example.com', 'pw') },
      command: {
        name: 'AddChannelRequest',
        params: {},
        version: '22.0',
        payload: { root: 'Channel', body: { channelSetId: 'uc-set-ann', priority: 1, weight: 50, expires: 3600 } },
      },
    });
    expect(text(bytes)).toBe(
      `${DECL}<xsp:request version="18.0" xmlns:xsp="${XSP}"><requestId>1</requestId><sessionId>uc-5</sessionId>` +
        '<credentials>YWxpY2VAZXhhbXBsZS5jb206cHc=</credentials>' +
        `<cti:AddChannelRequest xmlns:cti="${CTI}"><uri>/com.broadsoft.xsi-events/v2.0/channel</uri><method>POST</method>` +
        `<version>22.0</version><params/><payload><Channel xmlns="${BW}"><channelSetId>uc-set-ann</channelSetId>` +
        '<priority>1</priority><weight>50</weight><expires>3600</expires></Channel></payload></cti:AddChannelRequest></xsp:request>\n',
    );
  });

  it('sends the substituted uri and the params for call control', () => {
    const bytes = wire({
      kind: 'request',
      requestId: '9',
      sessionId: 's',
      auth: { credentials: 'eA==' },
      command: { name: 'BlindTransferRequest', params: { subscriberid: 'alice@example.com', callid: 'callhalf-1:0', address: 'tel:+15551234567' } },
    });
    expect(text(bytes)).toContain(
      '<uri>/com.broadsoft.xsi-actions/v2.0/user/alice@example.com/calls/callhalf-1%3A0/blindtransfer?address=tel%3A%2B15551234567</uri><method>PUT</method>',
    );
    expect(text(bytes)).toContain('<params><subscriberid>alice@example.com</subscriberid><callid>callhalf-1:0</callid><address>tel:+15551234567</address></params>');
  });

  it('reads the public example quirks: unqualified request element, xsp:payload, %…% placeholders, subscriberId', () => {
    const doc =
      `<xsp:request version="17.sp4" xmlns:xsp="${XSP}"><requestId>3</requestId><sessionId>s1</sessionId><credentials>YTpi</credentials>` +
      '<SetAgentStateRequest><uri>/-context-/v2.0/user/%subscriberid%/services/callcenter</uri><method>PUT</method><version>17.0</version>' +
      `<params><subscriberId>agent1@example.com</subscriberId></params><xsp:payload><CallCenter xmlns="${BW}"><agentACDState>Available</agentACDState></CallCenter></xsp:payload>` +
      '</SetAgentStateRequest></xsp:request>';
    expect(decodeCtiMessage(doc)).toEqual({
      ok: true,
      value: {
        kind: 'request',
        version: '17.sp4',
        requestId: '3',
        sessionId: 's1',
        auth: { credentials: 'YTpi' },
        command: {
          name: 'SetAgentStateRequest',
          params: { subscriberid: 'agent1@example.com' },
          version: '17.0',
          payload: { root: 'CallCenter', body: { agentACDState: 'Available' } },
        },
      },
    });
  });

  it('reads parameters back from a substituted uri when params is empty', () => {
    const doc =
      `<xsp:request xmlns:xsp="${XSP}"><requestId>4</requestId><sessionId>s</sessionId><credentials>YTpi</credentials>` +
      `<cti:ConsultativeTransferRequest xmlns:cti="${CTI}"><uri>/com.broadsoft.xsi-actions/v2.0/user/bob%40example.com/calls/c1/consulttransfer/c2</uri>` +
      '<method>PUT</method><params/></cti:ConsultativeTransferRequest></xsp:request>';
    const r = decodeCtiMessage(doc);
    expect(r.ok && r.value.kind === 'request' && r.value.command.params).toEqual({ subscriberid: 'bob@example.com', callid1: 'c1', callid2: 'c2' });
    expect(r.ok && r.value.version).toBe('18.0'); // schema default when the attribute is absent
  });

  it('refuses a request whose path parameter is nowhere, a wrong method, an unknown or absent request element', () => {
    const noCall =
      `<xsp:request xmlns:xsp="${XSP}"><requestId>5</requestId><sessionId>s</sessionId><credentials>YTpi</credentials>` +
      '<TalkRequest><uri>/-context-/v2.0/user/%subscriberid%/calls/%callid%/talk</uri><params><subscriberid>a@b</subscriberid></params></TalkRequest></xsp:request>';
    const a = decodeCtiMessage(noCall);
    expect(a.ok ? 'decoded' : [a.error.code, a.error.detail?.field]).toEqual(['MISSING_FIELD', 'callid']);
    const wrongMethod = noCall.replace('<params>', '<method>DELETE</method><params><callid>c</callid>');
    const b = decodeCtiMessage(wrongMethod);
    expect(b.ok ? 'decoded' : [b.error.code, b.error.detail?.field]).toEqual(['INVALID_FIELD', 'method']);
    const unknown = decodeCtiMessage(noCall.replaceAll('TalkRequest', 'ParkRequest'));
    expect(unknown.ok ? 'decoded' : [unknown.error.code, unknown.error.detail?.element]).toEqual(['UNKNOWN_TYPE', 'ParkRequest']);
    const none = decodeCtiMessage(noCall.replace(/<TalkRequest>.*<\/TalkRequest>/, ''));
    expect(none.ok ? 'decoded' : [none.error.code, none.error.detail?.field]).toEqual(['MISSING_FIELD', 'command']);
  });

  it('writes keepalive, keepaliveResponse, event and eventResponse in their forms', () => {
    expect(text(wire({ kind: 'keepalive', requestId: '41', period: 300 }))).toBe(
      `${DECL}<xsp:keepalive version="17.0" xmlns:xsp="${XSP}"><requestId>41</requestId><period>300</period></xsp:keepalive>\n`,
    );
    expect(text(wire({ kind: 'keepaliveResponse', requestId: '41' }))).toBe(
      `${DECL}<xsp:keepaliveResponse version="17.0" xmlns:xsp="${XSP}"><requestId>41</requestId></xsp:keepaliveResponse>\n`,
    );
    expect(text(wire({ kind: 'eventResponse', requestId: '40', eventResponse: { eventID: 'e-1', statusCode: 200, reason: 'OK' } }))).toBe(
      `${DECL}<xsp:eventResponse version="17.0" xmlns:xsp="${XSP}"><requestId>40</requestId><xsp:payload>` +
        `<EventResponse xmlns="${BW}"><eventID>e-1</eventID><statusCode>200</statusCode><reason>OK</reason></EventResponse></xsp:payload></xsp:eventResponse>\n`,
    );
    const ev = text(wire({ kind: 'event', requestId: '40', event: { type: 'ChannelTerminatedEvent', channelId: 'c', reason: 'ExplicitDelete' } }));
    expect(ev).toContain(`<xsp:payload><xsi:Event xsi1:type="xsi:ChannelTerminatedEvent" xmlns:xsi="${BW}"`);
  });
});

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('CTI round trips and framing', () => {
  it('decode(encode(m)) = m for every message kind and every CTI request element', () => {
    fc.assert(
      fc.property(ctiMessageArb, (msg) => {
        expect(decodeCtiMessage(wire(msg))).toEqual({ ok: true, value: msg });
      }),
      { numRuns: 300 },
    );
  });

  it('the stream decoder yields the same messages for every chunking of the same bytes', () => {
    fc.assert(
      fc.property(fc.array(ctiMessageArb, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 12 }), (msgs, cuts) => {
        const bytes = concat(msgs.map(wire));
        const decoder = createCtiStreamDecoder();
        const positions = [...new Set(cuts.map((c) => c % (bytes.length + 1))), bytes.length].sort((a, b) => a - b);
        const got: unknown[] = [];
        let last = 0;
        for (const p of positions) {
          const r = decoder.push(bytes.subarray(last, p));
          expect(r.ok).toBe(true);
          if (r.ok) got.push(...r.value);
          last = p;
        }
        expect(decoder.end()).toEqual({ ok: true, value: undefined });
        expect(got).toEqual(msgs.map((m) => ({ ok: true, value: m })));
      }),
      { numRuns: 100 },
    );
  });

  it('tolerates a missing declaration, CRLF or nothing between documents, and junk before the first', () => {
    const a = `<xsp:keepalive xmlns:xsp="${XSP}"><requestId>1</requestId><period>30</period></xsp:keepalive>`;
    const b = `${DECL}\r\n<xsp:keepaliveResponse xmlns:xsp='${XSP}'><requestId>1</requestId></xsp:keepaliveResponse>`;
    const r = createCtiStreamDecoder().push(utf8.encode(`\r\n  ${a}${b}\r\n${a}`));
    expect(r.ok && r.value.map((m) => (m.ok ? m.value.kind : m.error.code))).toEqual(['keepalive', 'keepaliveResponse', 'keepalive']);
  });

  it('reports one bad document as its own typed error and keeps decoding the stream', () => {
    const bad = `<xsp:keepalive xmlns:xsp="${XSP}"><requestId>1</requestId><period>soon</period></xsp:keepalive>`;
    const good = text(wire({ kind: 'keepaliveResponse', requestId: '2' }));
    const r = createCtiStreamDecoder().push(utf8.encode(bad + good));
    expect(r.ok && r.value.map((m) => (m.ok ? m.value.kind : `${m.error.code}:${m.error.detail?.field}`))).toEqual([
      'INVALID_FIELD:period',
      'keepaliveResponse',
    ]);
  });

  it('reports a stream that ends inside a document as TRUNCATED', () => {
    const bytes = wire({ kind: 'keepalive', requestId: '1', period: 30 });
    const decoder = createCtiStreamDecoder();
    expect(decoder.push(bytes.subarray(0, bytes.length - 10))).toEqual({ ok: true, value: [] });
    const end = decoder.end();
    expect(end.ok ? 'ended' : end.error.code).toBe('TRUNCATED');
  });

  it('refuses an oversized document and a 100 000-deep nesting with their codes, quickly', () => {
    const big = createCtiStreamDecoder({ splitter: { maxDocumentBytes: 1024 } }).push(
      utf8.encode(`<xsp:keepalive xmlns:xsp="${XSP}"><requestId>${'1'.repeat(2000)}</requestId></xsp:keepalive>`),
    );
    expect(big.ok ? 'accepted' : big.error.code).toBe('TOO_LARGE');
    const deep = createCtiStreamDecoder().push(utf8.encode('<a>'.repeat(100_000)));
    expect(deep.ok ? 'accepted' : deep.error.code).toBe('TOO_DEEP');
  });

  it('never puts credentials into an error message, whatever the mutation', () => {
    const password = 'S3cr3t-Pa55';
    const token = basicCredentials('alice@example.com', password);
    fc.assert(
      fc.property(
        fc.constantFrom(...CTI_COMMAND_NAMES),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 5 }),
        (name, mutations) => {
          const bytes = wire({ kind: 'request', requestId: '1', sessionId: 's', auth: { credentials: token }, command: minimalCommand(name) }).slice();
          // Structural damage (a renamed element: missing/unknown fields) or byte damage.
          const tags = [...new Set([...text(bytes).matchAll(/<([A-Za-z:]+)[ >/]/g)].map((m) => m[1]!))];
          const tag = tags[mutations[0]![0] % tags.length]!;
          const renamed = utf8.encode(text(bytes).replaceAll(`<${tag}`, `<${tag}X`).replaceAll(`</${tag}>`, `</${tag}X>`));
          if (mutations[0]![1] % 2 === 0) for (const [at, v] of mutations) bytes[at % bytes.length] = v;
          const r = decodeCtiMessage(mutations[0]![1] % 2 === 0 ? bytes : renamed);
          if (!r.ok) {
            expect(typeof r.error.code).toBe('string');
            const said = r.error.message + JSON.stringify(r.error.detail ?? {});
            expect(said).not.toContain(token.slice(0, 12));
            expect(said).not.toContain(password);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('CTI credentials (base64 of user:password)', () => {
  it('round-trips user ids and passwords, including a colon in the password', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9.@-]{1,20}$/), fc.string({ maxLength: 20 }), (userId, password) => {
        expect(parseBasicCredentials(basicCredentials(userId, password))).toEqual({ ok: true, value: { userId, password } });
      }),
      { numRuns: 100 },
    );
    expect(basicCredentials('alice@example.com', 'p:w')).toBe(Buffer.from('alice@example.com:p:w').toString('base64'));
  });

  it('refuses a token that is not base64 or has no colon, without echoing it', () => {
    for (const token of ['not base64!', Buffer.from('nocolon').toString('base64')]) {
      const r = parseBasicCredentials(token);
      expect(r.ok ? 'parsed' : r.error.code).toBe('INVALID_FIELD');
      expect(r.ok ? '' : r.error.message).not.toContain(token);
    }
  });
});

// OCI-P golden documents (test/conformance/oci-p/golden/): written by hand from the OCI-P R25 schema
// definitions — a minimal form (required elements only) and a full form (every optional element
// the client may meet) of every request the client sends and every response it reads — and checked
// with xmllint against OCISchemaAS.xsd before they were committed. Here: each passes the shape rules
// (written from the schema), our decoders read it without a note, and the values are the ones
// written in the file. The client's link reads the response goldens as a server's answers.
import { readdirSync, readFileSync } from 'node:fs';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { decodeOciCommand, decodeOciDocument, decodeOciEnvelope, type OciCommand } from '../../../src/codecs/oci/index.ts';
import { parseXmlDocument } from '../../../src/codecs/xml/index.ts';
import { openBroadsoftStream } from '../../../src/adapters/oci/broadsoft-stream.ts';
import { createOciLink, type OciLinkEvent } from '../../../src/adapters/oci/oci-link.ts';
import type { ByteSocket } from '../../../src/effects/byte-socket.ts';
import { formatFindings } from '../shape/index.ts';
import { ociRules } from './rules.ts';

const DIR = new URL('./golden/', import.meta.url);
const read = (name: string): Uint8Array => readFileSync(new URL(name, DIR));
const text = (name: string): string => new TextDecoder(/encoding=["']UTF-8/i.test(Buffer.from(read(name)).toString('latin1', 0, 60)) ? 'utf-8' : 'latin1').decode(read(name));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort();

function decoded(name: string): { commands: readonly OciCommand[]; notes: string[]; sessionId: string; trackingId?: string } {
  const doc = decodeOciDocument(read(name));
  if (!doc.ok) throw new Error(`${name}: ${doc.error.code} ${doc.error.message}`);
  const root = parseXmlDocument(read(name));
  if (!root.ok) throw root.error;
  const env = decodeOciEnvelope(root.value);
  if (!env.ok) throw env.error;
  const notes: string[] = [];
  for (const c of env.value.commands) decodeOciCommand(c, notes);
  return { commands: doc.value.document.commands, notes, sessionId: doc.value.document.sessionId, ...(doc.value.document.trackingId ? { trackingId: doc.value.document.trackingId } : {}) };
}

const ANN = 'ann@lab.test';
const PROFILE_MIN = {
  serviceProviderId: 'SP-Lab', groupId: 'G-Lab', lastName: 'Lee', firstName: 'Ann', callingLineIdLastName: 'Lee', callingLineIdFirstName: 'Ann',
  language: 'English', timeZone: 'America/New_York', timeZoneDisplayName: '(GMT-04:00) (US) Eastern Time', defaultAlias: ANN, countryCode: '1',
};
const FULL_COMMON = { phoneNumber: '6175552001', extension: '2001', callingLineIdPhoneNumber: '6175550000', mobilePhoneNumber: '6175557777', emailAddress: ANN, impId: 'ann@xmpp.lab.test' };

/** The values written in each golden file, command by command (hand-copied from the files). */
const EXPECTED: Record<string, readonly Record<string, unknown>[]> = {
  'AuthenticationRequest.min.xml': [{ type: 'AuthenticationRequest', userId: ANN }],
  'AuthenticationRequest.full.xml': [{ type: 'AuthenticationRequest', echo: 'login-1', userId: ANN }],
  'LoginRequest14sp4.min.xml': [{ type: 'LoginRequest14sp4', userId: ANN }],
  'LoginRequest14sp4.full.xml': [{ type: 'LoginRequest14sp4', echo: 'e', userId: ANN, signedPassword: '77e4a6de3a1e00be05e121cf0ebee860', plainTextPassword: 'password' }],
  'LoginRequest22V5.min.xml': [{ type: 'LoginRequest22V5', userId: ANN }],
  'LoginRequest22V5.full.xml': [{ type: 'LoginRequest22V5', echo: 'x', userId: ANN, password: 'Zoë-Secret-1', signedPassword: '0123456789abcdef0123456789abcdef' }],
  'LogoutRequest.min.xml': [{ type: 'LogoutRequest', userId: ANN }],
  'LogoutRequest.full.xml': [{ type: 'LogoutRequest', echo: '', userId: ANN, reason: 'Open Client Server Forced Logout' }],
  'SystemSoftwareVersionGetRequest.min.xml': [{ type: 'SystemSoftwareVersionGetRequest' }],
  'SystemSoftwareVersionGetRequest.full.xml': [{ type: 'SystemSoftwareVersionGetRequest', echo: 'v' }],
  'VerifySessionIsValidRequest.min.xml': [{ type: 'VerifySessionIsValidRequest' }],
  'VerifySessionIsValidRequest.full.xml': [{ type: 'VerifySessionIsValidRequest', echo: 'keepalive-12' }],
  'UserIntegratedIMPGetRequest21sp1.min.xml': [{ type: 'UserIntegratedIMPGetRequest21sp1', userId: ANN }],
  'UserIntegratedIMPGetRequest21sp1.full.xml': [{ type: 'UserIntegratedIMPGetRequest21sp1', echo: 'imp', userId: ANN }],
  'UserGetRequest.min.xml': ['17sp4', '18', '19', '20', '21', '21sp1', '22', '23V2'].map((v) => ({ type: `UserGetRequest${v}`, userId: ANN })),
  'UserGetRequest.full.xml': ['17sp4', '18', '19', '20', '21', '21sp1', '22', '23V2'].map((v) => ({ type: `UserGetRequest${v}`, echo: v, userId: ANN })),
  'AuthenticationResponse.min.xml': [{ type: 'AuthenticationResponse', echo: '', userId: ANN, nonce: '1493661742798', passwordAlgorithm: 'MD5' }],
  'AuthenticationResponse.full.xml': [{ type: 'AuthenticationResponse', echo: 'login-1', userId: ANN, nonce: '1234567890123', passwordAlgorithm: 'MD5' }],
  'LoginResponse14sp4.min.xml': [{ type: 'LoginResponse14sp4', echo: '', loginType: 'System', locale: 'en_US', encoding: 'ISO-8859-1', isEnterprise: false, userDomain: 'lab.test' }],
  'LoginResponse14sp4.full.xml': [{
    type: 'LoginResponse14sp4', echo: '', loginType: 'Group Department', locale: 'fr_CA', encoding: 'UTF-8', groupId: 'G-Lab', serviceProviderId: 'ENT-Lab',
    isEnterprise: true, passwordExpiresDays: -3, userDomain: 'lab.test',
  }],
  'LoginResponse22V5.min.xml': [{ type: 'LoginResponse22V5', echo: '', loginType: 'User', locale: 'en_US', encoding: 'UTF-8', isEnterprise: false, userDomain: 'lab.test' }],
  'LoginResponse22V5.full.xml': [{
    type: 'LoginResponse22V5', echo: 'x', loginType: 'Reseller', locale: 'zh_Hans_CN', encoding: 'UTF-8', groupId: 'G-Lab', serviceProviderId: 'SP-Lab',
    isEnterprise: true, passwordExpiresDays: 2147483647, userDomain: 'lab.test', resellerId: 'R-1', tokenRevocationTime: 1616017564343,
  }],
  'SystemSoftwareVersionGetResponse.min.xml': [{ type: 'SystemSoftwareVersionGetResponse', echo: '', version: '24' }],
  'SystemSoftwareVersionGetResponse.full.xml': [{ type: 'SystemSoftwareVersionGetResponse', echo: 'v', version: '21.sp1_1.551' }],
  'UserIntegratedIMPGetResponse21sp1.min.xml': [{ type: 'UserIntegratedIMPGetResponse21sp1', echo: '', isActive: false }],
  'UserIntegratedIMPGetResponse21sp1.full.xml': [{ type: 'UserIntegratedIMPGetResponse21sp1', echo: 'imp', isActive: true, impId: 'ann.lee@im.lab.test', isAlternateImpId: true }],
  'SuccessResponse.min.xml': [{ type: 'SuccessResponse' }],
  'SuccessResponse.full.xml': [{ type: 'SuccessResponse', echo: 'keepalive-12' }],
  'ErrorResponse.min.xml': [{ type: 'ErrorResponse', errorType: 'Error', summary: '[Error 4008] User not found: bob@lab.test', summaryEnglish: '[Error 4008] User not found: bob@lab.test' }],
  'ErrorResponse.full.xml': [{
    type: 'ErrorResponse', echo: 'login-1', errorType: 'Warning', errorCode: 6004, summary: "[Error 6004] La requête XML OCI n'est pas valide",
    summaryEnglish: '[Error 6004] OCI XML Request validation error',
    detail: "Invalid xsi:type qname: 'LoginRequest' in element BroadsoftDocument@C\n<command xsi:type=\"LoginRequest\"><userId>ann@lab.test</userId></command>\n",
  }],
  'Envelope.userId.xml': [{ type: 'VerifySessionIsValidRequest' }],
  'Envelope.full.xml': [
    { type: 'SystemSoftwareVersionGetResponse', echo: 'a', version: '22.0' },
    { type: 'SuccessResponse', echo: '' },
    { type: 'ErrorResponse', echo: '', errorType: 'Info', summary: 'i', summaryEnglish: 'i' },
  ],
  ...Object.fromEntries(['17sp4', '18', '19', '20', '21', '21sp1'].map((v) => [`UserGetResponse${v}.min.xml`, [{ type: `UserGetResponse${v}`, echo: '', ...PROFILE_MIN }]])),
  'UserGetResponse22.min.xml': [{ type: 'UserGetResponse22', echo: '', ...PROFILE_MIN, userId: ANN }],
  'UserGetResponse23V2.min.xml': [{ type: 'UserGetResponse23V2', echo: '', ...PROFILE_MIN, userId: ANN, allowVideo: false }],
  'UserGetResponse17sp4.full.xml': [{
    type: 'UserGetResponse17sp4', echo: '17sp4', ...PROFILE_MIN, callingLineIdLastName: 'LEE', callingLineIdFirstName: 'ANN', phoneNumber: '+1-6175552001',
    extension: '2001', callingLineIdPhoneNumber: '6175550000', title: 'Account Manager', mobilePhoneNumber: '+16175557777', emailAddress: 'ann.lee@lab.test',
  }],
  'UserGetResponse18.full.xml': [{
    type: 'UserGetResponse18', echo: '18', ...PROFILE_MIN, ...FULL_COMMON, lastName: 'Lee-Müller', firstName: 'Ann Marie', timeZone: 'Europe/Berlin',
    timeZoneDisplayName: '(GMT+01:00) Europe/Berlin', countryCode: '49', title: 'Engineer', emailAddress: 'ann.lee@lab.test',
  }],
  'UserGetResponse19.full.xml': [{ type: 'UserGetResponse19', echo: '19', ...PROFILE_MIN, ...FULL_COMMON, title: 'Manager' }],
  'UserGetResponse20.full.xml': [{ type: 'UserGetResponse20', echo: '20', ...PROFILE_MIN, ...FULL_COMMON, title: 'Manager' }],
  'UserGetResponse21.full.xml': [{ type: 'UserGetResponse21', echo: '21', ...PROFILE_MIN, ...FULL_COMMON, title: 'Manager' }],
  'UserGetResponse21.trunk.xml': [{ type: 'UserGetResponse21', echo: '', ...PROFILE_MIN, phoneNumber: '6175552001', impId: 'ann@xmpp.lab.test' }],
  'UserGetResponse21sp1.full.xml': [{ type: 'UserGetResponse21sp1', echo: '21sp1', ...PROFILE_MIN, ...FULL_COMMON, serviceProviderId: 'ENT-Lab', title: 'Manager' }],
  'UserGetResponse22.full.xml': [{
    type: 'UserGetResponse22', echo: '22', ...PROFILE_MIN, ...FULL_COMMON, userId: ANN, language: 'Français', timeZone: 'America/Montreal',
    timeZoneDisplayName: '(GMT-04:00) Canada/Eastern', title: 'Manager & Lead',
  }],
  'UserGetResponse23V2.full.xml': [{ type: 'UserGetResponse23V2', echo: '23V2', ...PROFILE_MIN, ...FULL_COMMON, userId: ANN, countryCode: '353', title: 'Manager', allowVideo: true }],
};

describe('OCI-P golden documents (hand-written from the OCI-P R25 schema)', () => {
  it('has an expectation for every golden file and a file for every expectation', () => {
    expect(FILES).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(FILES)('%s passes the shape rules', (name) => {
    const findings = ociRules.check(text(name));
    expect(findings, formatFindings(findings)).toEqual([]);
  });

  it.each(FILES)('%s is read by our decoder, without a note, with the values written in it', (name) => {
    const doc = decoded(name);
    expect(doc.notes).toEqual([]);
    expect(doc.commands).toEqual(EXPECTED[name]);
  });

  it('reads the envelope: sessionId as written (normalizedString keeps inner spaces), trackingId collapsed, the userId alternative', () => {
    expect(decoded('AuthenticationRequest.full.xml')).toMatchObject({ sessionId: '  sess  one  ', trackingId: 'track-7' });
    expect(decoded('UserGetRequest.full.xml')).toMatchObject({ sessionId: 's-7', trackingId: 't-7' });
    const root = parseXmlDocument(read('Envelope.userId.xml'));
    const env = root.ok ? decodeOciEnvelope(root.value) : root;
    expect(env.ok && { sessionId: env.value.sessionId, sessionElement: env.value.sessionElement }).toEqual({ sessionId: ANN, sessionElement: 'userId' });
  });

  it('reads every value of each enumeration it decodes (ErrorResponse type, LoginType22, LogoutRequestReason)', () => {
    for (const type of ['Error', 'Warning', 'Info']) {
      const xml = text('ErrorResponse.min.xml').replace('type="Error"', `type="${type}"`);
      expect(ociRules.check(xml)).toEqual([]);
      expect(decodeText(xml)[0]).toMatchObject({ errorType: type });
    }
    for (const loginType of ['System', 'Provisioning', 'Reseller', 'Service Provider', 'Group', 'Group Department', 'User', 'Lawful Intercept']) {
      const xml = text('LoginResponse22V5.min.xml').replace('<loginType>User</loginType>', `<loginType>${loginType}</loginType>`);
      expect(ociRules.check(xml)).toEqual([]);
      expect(decodeText(xml)[0]).toMatchObject({ loginType });
    }
    for (const reason of ['Client Logout', 'Server Connection Failure', 'Open Client Server Forced Logout']) {
      const xml = text('LogoutRequest.full.xml').replace('Open Client Server Forced Logout', reason);
      expect(ociRules.check(xml)).toEqual([]);
      expect(decodeText(xml)[0]).toMatchObject({ reason });
    }
  });
});

function decodeText(xml: string): readonly OciCommand[] {
  const doc = decodeOciDocument(new TextEncoder().encode(xml.replace(/encoding="ISO-8859-1"/, 'encoding="UTF-8"')));
  if (!doc.ok) throw doc.error;
  return doc.value.document.commands;
}

// ---- the client's link, answered with golden documents as a server's replies

/** A reply: a golden file by name, or a document assembled from goldens' text. */
type Reply = string | { readonly xml: string };

/** A socket whose peer answers each written document with the next scripted reply. */
function scriptedSocket(replies: Reply[]): ByteSocket {
  const data = new Subject<Uint8Array>();
  return {
    data$: data.asObservable(),
    info: { host: 'ocs.lab.test', address: '127.0.0.1', port: 2208, tls: null },
    write() {
      const next = replies.shift();
      if (next !== undefined) queueMicrotask(() => data.next(typeof next === 'string' ? read(next) : new TextEncoder().encode(next.xml)));
    },
    end: () => data.complete(),
    destroy: () => data.complete(),
  };
}

/** One answer holding the profile golden's command and the IMP golden's (the link asks both in one document). */
function profileWithImp(v: string, form: 'min' | 'full'): Reply {
  const impCommand = /<command[\s\S]*<\/command>/.exec(text(`UserIntegratedIMPGetResponse21sp1.${form}.xml`))![0];
  const profile = text(`UserGetResponse${v}.${form}.xml`).replace(/encoding="ISO-8859-1"/, 'encoding="UTF-8"');
  return { xml: profile.replace('</BroadsoftDocument>', `${impCommand}</BroadsoftDocument>`) };
}

describe('the OCI link reads schema-valid answers in their minimal and full forms', () => {
  for (const form of ['min', 'full'] as const) {
    it(`signed login and release from ${form} goldens: no protocol error, no note`, async () => {
      const socket = scriptedSocket([`AuthenticationResponse.${form}.xml`, `LoginResponse14sp4.${form}.xml`, `SystemSoftwareVersionGetResponse.${form}.xml`]);
      const events: OciLinkEvent[] = [];
      const link = createOciLink({ stream: openBroadsoftStream(socket), ids: () => 'g-1' });
      link.events$.subscribe((e) => events.push(e));
      expect((await link.login({ userId: ANN, password: 'password' })).ok).toBe(true);
      const release = await link.fetchRelease();
      expect(release).toMatchObject({ ok: true, value: { major: form === 'min' ? 24 : 21, ...(form === 'full' ? { servicePack: 1 } : {}), source: 'version' } });
      expect(events).toEqual([]);
      link.close();
    });
  }

  for (const v of ['17sp4', '18', '19', '20', '21', '21sp1', '22'] as const) {
    for (const form of ['min', 'full'] as const) {
      it(`UserGetResponse${v} (${form}) becomes the profile, userId from the login when the version has none`, async () => {
        const withImp = v === '21sp1' || v === '22';
        const socket = scriptedSocket(['AuthenticationResponse.min.xml', 'LoginResponse14sp4.min.xml', withImp ? profileWithImp(v, form) : `UserGetResponse${v}.${form}.xml`]);
        const events: OciLinkEvent[] = [];
        const link = createOciLink({ stream: openBroadsoftStream(socket), ids: () => 'g-2' });
        link.events$.subscribe((e) => events.push(e));
        expect((await link.login({ userId: ANN, password: 'password' })).ok).toBe(true);
        const sp = /sp(\d+)$/.exec(v);
        const profile = await link.fetchProfile({ text: v, major: Number(/^\d+/.exec(v)![0]), ...(sp ? { servicePack: Number(sp[1]) } : {}), source: 'version' });
        const firstName = form === 'full' && v === '18' ? 'Ann Marie' : 'Ann';
        const impId = form === 'full' ? (withImp ? 'ann.lee@im.lab.test' : v === '17sp4' ? undefined : 'ann@xmpp.lab.test') : undefined;
        expect(profile).toEqual({
          ok: true,
          value: {
            userId: ANN, firstName, lastName: form === 'full' && v === '18' ? 'Lee-Müller' : 'Lee', groupId: 'G-Lab', userGetVersion: v,
            serviceProviderId: form === 'full' && v === '21sp1' ? 'ENT-Lab' : 'SP-Lab',
            ...(form === 'full' ? { phoneNumber: v === '17sp4' ? '+1-6175552001' : '6175552001', extension: '2001' } : {}),
            ...(impId !== undefined ? { impId } : {}),
            // How the Integrated IM&P part answered: its own request from R21sp1, else the profile's field.
            impAnswer: { kind: withImp ? (form === 'full' ? 'active' : 'inactive') : 'from-profile' },
          },
        });
        expect(events).toEqual([]);
        link.close();
      });
    }
  }
});

// ---- answers the schema refuses: acted on with a note where the client can, else a typed error naming the element

describe('answers the schema refuses', () => {
  const firstFinding = (xml: string): string => ociRules.check(xml).map((f) => f.message).join('; ');
  const withNotes = (xml: string) => {
    const root = parseXmlDocument(new TextEncoder().encode(xml));
    if (!root.ok) throw root.error;
    const env = decodeOciEnvelope(root.value);
    if (!env.ok) throw env.error;
    const notes: string[] = [];
    const command = decodeOciCommand(env.value.commands[0]!, notes);
    return { command, notes };
  };

  it.each([
    ['UserGetResponse23V2 without allowVideo', text('UserGetResponse23V2.min.xml').replace('<allowVideo>false</allowVideo>', ''), 'allowVideo'],
    ['UserGetResponse22 without timeZone', text('UserGetResponse22.min.xml').replace('<timeZone>America/New_York</timeZone>', ''), 'timeZone'],
    ['UserGetResponse22 without userId', text('UserGetResponse22.min.xml').replace(`<userId>${ANN}</userId>`, ''), 'userId'],
    ['ErrorResponse without its type attribute', text('ErrorResponse.min.xml').replace(' type="Error"', ''), 'type attribute'],
    ['ErrorResponse of an unknown type', text('ErrorResponse.min.xml').replace(' type="Error"', ' type="Fatal"'), 'not Error, Warning or Info'],
  ])('%s: the rules refuse it, the decoder reads it and notes why', (_name, xml, named) => {
    expect(firstFinding(xml)).not.toBe('');
    const { command, notes } = withNotes(xml);
    expect(command.ok).toBe(true);
    expect(notes.join(' ')).toContain(named);
  });

  it.each([
    ['AuthenticationResponse with another passwordAlgorithm', text('AuthenticationResponse.min.xml').replace('>MD5<', '>SHA256<'), 'INVALID_FIELD', 'passwordAlgorithm'],
    ['UserGetResponse22 without groupId', text('UserGetResponse22.min.xml').replace('<groupId>G-Lab</groupId>', ''), 'MISSING_FIELD', 'groupId'],
    ['LoginResponse14sp4 with isEnterprise "yes"', text('LoginResponse14sp4.min.xml').replace('<isEnterprise>0</isEnterprise>', '<isEnterprise>yes</isEnterprise>'), 'INVALID_FIELD', 'isEnterprise'],
  ])('%s: the rules refuse it and the decoder gives a typed error naming the element', (_name, xml, code, field) => {
    expect(firstFinding(xml)).not.toBe('');
    const { command } = withNotes(xml);
    expect(command.ok).toBe(false);
    if (!command.ok) {
      expect(command.error.code).toBe(code);
      expect(command.error.detail?.field).toBe(field);
      expect(command.error.message).toContain(field);
    }
  });

  it('the link acts on a profile without a required element it does not need and reports a protocol note', async () => {
    const socket = scriptedSocket(['AuthenticationResponse.min.xml', 'LoginResponse14sp4.min.xml', { xml: text('UserGetResponse21.min.xml').replace('<language>English</language>', '') }]);
    const events: OciLinkEvent[] = [];
    const link = createOciLink({ stream: openBroadsoftStream(socket), ids: () => 'g-3' });
    link.events$.subscribe((e) => events.push(e));
    expect((await link.login({ userId: ANN, password: 'password' })).ok).toBe(true);
    const profile = await link.fetchProfile({ text: '21', major: 21, source: 'version' });
    expect(profile).toMatchObject({ ok: true, value: { userId: ANN, firstName: 'Ann' } });
    expect(events).toEqual([{ type: 'protocol-note', message: expect.stringContaining('UserGetResponse21 lacks language') }]);
    link.close();
  });
});

// Every OCI-P document our encoder writes (the client's requests, the lab's answers) and every one
// the lab's OCS writes in a session passes the shape rules restated from the OCI-P R25 schema — a
// property over generated values. The value generators keep to the facets the schema gives each
// element (OCISchemaDataTypes.xsd), written here from the schema, not from our codec.
import { createHash } from 'node:crypto';
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { OCI_COMMAND_SPECS, renderOciDocument, type OciCommand, type OciDocument } from '../../../src/codecs/oci/index.ts';
import { LabTelephony } from '../../../src/lab/telephony/index.ts';
import { OciDirectory } from '../../../src/lab/oci-server/directory.ts';
import { OcsSession } from '../../../src/lab/oci-server/ocs-session.ts';
import { releaseOf, type OciDirectoryUser } from '../../../src/lab/oci-server/types.ts';
import type { LabConnection } from '../../../src/lab/net/connection.ts';
import { formatFindings } from '../shape/index.ts';
import { OCI_RULE_COMMAND_TYPES, ociRules } from './rules.ts';

// Characters for text values: ASCII letters and digits, XML markup characters, spaces, Latin-1 and beyond.
const char = fc.constantFrom(...'aZ09 -._@&<>"\'/#', 'é', 'ü', 'ß', '€', '日', 'ॐ', '\t', '\n');
const collapse = (s: string): string => s.replace(/[\t\n\r ]+/g, ' ').trim();

/** An xs:token value (whitespace collapsed) of min..max characters. */
const token = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: char, minLength: min, maxLength: max + 4 }).map(collapse).filter((s) => s.length >= min && s.length <= max);
/** An xs:string value (kept as written). */
const str = (min = 0, max = 40): fc.Arbitrary<string> => fc.string({ unit: char, minLength: min, maxLength: max });
const nmtoken = (max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'abcXYZ09._:-'), minLength: 1, maxLength: max });
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const LOGIN_TYPE = ['System', 'Provisioning', 'Service Provider', 'Group', 'Group Department', 'User', 'Lawful Intercept'];

// OCISchemaDataTypes.xsd facets, by element name (per command type where the types differ).
const BY_FIELD: Record<string, fc.Arbitrary<unknown>> = {
  userId: token(1, 161), password: token(1, 60), plainTextPassword: token(1, 60), signedPassword: str(1, 40), nonce: str(0, 20),
  passwordAlgorithm: fc.constant('MD5'), reason: fc.constantFrom('Client Logout', 'Server Connection Failure', 'Open Client Server Forced Logout'),
  encoding: token(1, 40), groupId: token(1, 30), serviceProviderId: token(1, 30), isEnterprise: fc.boolean(), passwordExpiresDays: int32,
  userDomain: token(1, 80), resellerId: token(1, 36), tokenRevocationTime: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), version: token(1, 40),
  isActive: fc.boolean(), impId: token(1, 196), isAlternateImpId: fc.constant(true),
  lastName: token(1, 30), firstName: token(1, 30), callingLineIdLastName: token(1, 30), callingLineIdFirstName: token(1, 30),
  phoneNumber: token(1, 23), extension: token(2, 20), callingLineIdPhoneNumber: token(1, 23), language: token(1, 40), timeZone: token(1, 127),
  timeZoneDisplayName: token(1, 127), defaultAlias: token(1, 161), title: token(1, 50), mobilePhoneNumber: token(1, 30), emailAddress: token(1, 80),
  countryCode: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 10, max: 999 })).map(String), allowVideo: fc.boolean(),
  errorCode: int32, summary: str(), summaryEnglish: str(), detail: str(),
};
const BY_TYPE: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
  LoginResponse14sp4: { loginType: fc.constantFrom(...LOGIN_TYPE), locale: nmtoken(5) },
  LoginResponse22V5: { loginType: fc.constantFrom('Reseller', ...LOGIN_TYPE), locale: nmtoken(20) },
};

function commandArb(type: string): fc.Arbitrary<OciCommand> {
  const spec = OCI_COMMAND_SPECS.get(type)!;
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of spec.fields) {
    const arb = BY_TYPE[type]?.[f.key] ?? BY_FIELD[f.key];
    if (arb === undefined) throw new Error(`no generator for ${type}.${f.key}: add its schema facets`);
    fields[f.key] = f.optional ? fc.option(arb, { nil: undefined }) : arb;
  }
  fields['echo'] = spec.form === 'request' ? fc.option(str(), { nil: undefined }) : str();
  if (spec.form === 'errorResponse') fields['errorType'] = fc.constantFrom('Error', 'Warning', 'Info');
  return fc.record(fields).map((r) => Object.fromEntries([['type', type], ...Object.entries(r).filter(([, v]) => v !== undefined)]) as unknown as OciCommand);
}

const document: fc.Arbitrary<OciDocument> = fc.record({
  protocol: fc.constantFrom('OCI' as const, 'NSOCI' as const),
  sessionId: str(0, 30),
  trackingId: fc.option(token(1, 20), { nil: undefined }),
  commands: fc.array(fc.oneof(...[...OCI_COMMAND_SPECS.keys()].map(commandArb)), { minLength: 1, maxLength: 15 }),
}).map(({ trackingId, ...d }) => (trackingId === undefined ? d : { ...d, trackingId }));

describe('OCI-P documents our encoder writes', () => {
  test('the rules restate every command type the codec knows', () => {
    expect([...OCI_COMMAND_SPECS.keys()].filter((t) => !OCI_RULE_COMMAND_TYPES.includes(t))).toEqual([]);
  });

  test.prop([document, fc.constantFrom('UTF-8' as const, 'ISO-8859-1' as const), fc.boolean()], { numRuns: 300 })(
    'pass the shape rules for generated schema-valid values, in both encodings and both declaration forms',
    (doc, encoding, declarationNewline) => {
      const rendered = renderOciDocument(doc, { encoding, overTls: true, declarationNewline });
      expect(rendered.ok).toBe(true);
      if (!rendered.ok) return;
      const findings = ociRules.check(rendered.value);
      expect(findings, formatFindings(findings)).toEqual([]);
    },
  );
});

// ---- the lab's OCS in a session, without sockets: every byte it sends is captured and checked

interface Captured {
  readonly sent: string[];
  closed: boolean;
}

function fakeConnection(secure: boolean, captured: Captured): LabConnection {
  return {
    id: 1,
    secure,
    endpoint: secure ? 'tls' : 'plain',
    injectedLoginAnswer: () => null,
    get closed() {
      return captured.closed;
    },
    send(data) {
      if (!captured.closed) captured.sent.push(typeof data === 'string' ? data : Buffer.from(data).toString('latin1'));
    },
    close() {
      captured.closed = true;
    },
    destroy() {
      captured.closed = true;
    },
    loginDocumentRead: () => true,
  };
}

const labUser = fc.record({
  local: fc.string({ unit: fc.constantFrom(...'abcdefgh.-_0123'), minLength: 1, maxLength: 20 }),
  firstName: token(1, 30),
  lastName: token(1, 30),
  extension: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 2, maxLength: 10 }),
  phoneNumber: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 15 }),
  serviceProviderId: token(1, 30),
  groupId: token(1, 30),
  isEnterprise: fc.boolean(),
  withImp: fc.boolean(),
});

/** Requests a client might send, as raw XML (the lab must answer each in schema form). */
const rawRequest = fc.oneof(
  fc.constant({ kind: 'login' as const }),
  fc.constant({ kind: 'wrong-password' as const }),
  {
    weight: 4,
    arbitrary: fc.constantFrom('17sp4', '18', '19', '20', '21', '21sp1', '22', '23V2').map((v) => ({ kind: 'raw' as const, xml: `<command xsi:type="UserGetRequest${v}" xmlns=""><userId>USER</userId></command>` })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'raw' as const, xml: '<command xsi:type="UserIntegratedIMPGetRequest21sp1" xmlns=""><userId>USER</userId></command>' }) },
  fc.constant({ kind: 'raw' as const, xml: '<command xsi:type="SystemSoftwareVersionGetRequest" xmlns=""/>' }),
  fc.constant({ kind: 'raw' as const, xml: '<command echo="k" xsi:type="VerifySessionIsValidRequest" xmlns=""/>' }),
  fc.constant({ kind: 'raw' as const, xml: '<command xsi:type="LoginRequest22V5" xmlns=""><userId>USER</userId><password>PASSWORD</password></command>' }),
  fc.constant({ kind: 'raw' as const, xml: '<command xsi:type="UserGetRequest22" xmlns=""><userId>nobody@lab.test</userId></command>' }),
  fc.constant({ kind: 'raw' as const, xml: `<command xsi:type="AuthenticationRequest" xmlns=""><userId>${'x'.repeat(5000)}</userId></command>` }),
  fc.constant({ kind: 'raw' as const, xml: '<command xsi:type="GroupGetListInServiceProviderRequest" xmlns=""><serviceProviderId>x</serviceProviderId></command>' }),
  fc.constant({ kind: 'raw' as const, xml: '<command xsi:type="LogoutRequest" xmlns=""><reason>Client Logout</reason></command>' }),
  fc.constant({ kind: 'raw' as const, xml: '<command xsi:type="AuthenticationResponse" xmlns=""><userId>USER</userId><nonce>1</nonce><passwordAlgorithm>MD5</passwordAlgorithm></command>' }),
  fc.constant({ kind: 'logout' as const }),
  fc.constant({ kind: 'push-logout' as const }),
);

describe('OCI-P documents the lab OCS writes', () => {
  // Mostly a session that logs in first, so the answers that need a login are reached.
  const sequence = fc.tuple(fc.boolean(), fc.array(rawRequest, { minLength: 1, maxLength: 8 })).map(([bare, rest]) => (bare ? rest : [{ kind: 'login' as const }, ...rest]));
  test.prop([labUser, fc.constantFrom(...RELEASES), fc.boolean(), fc.boolean(), fc.boolean(), sequence], { numRuns: 150 })(
    'pass the shape rules, whatever the user data, release, options and request sequence',
    (u, release, userMayReadRelease, declarationNewline, secure, requests) => {
      checkLabSession(u, release, userMayReadRelease, declarationNewline, secure, requests);
    },
  );

  test('pass the shape rules for every request kind on every release (exhaustive, after a login)', () => {
    const u = { local: 'ann', firstName: 'Ann', lastName: 'Lee', extension: '2001', phoneNumber: '6175552001', serviceProviderId: 'SP-Lab', groupId: 'G-Lab', isEnterprise: false, withImp: true };
    for (const release of RELEASES) {
      for (const request of ALL_REQUESTS) checkLabSession(u, release, true, false, true, [{ kind: 'login' }, request]);
    }
  });
});

const RELEASES = ['17.sp4', '20.sp1', '21', '21.sp1_1.551', '22.0', '22.0_1.1123', '24'] as const;
const ALL_REQUESTS = fc.sample(rawRequest, { numRuns: 2000, seed: 1 }).filter((r, k, all) => all.findIndex((o) => JSON.stringify(o) === JSON.stringify(r)) === k);

function checkLabSession(
  u: { local: string; firstName: string; lastName: string; extension: string; phoneNumber: string; serviceProviderId: string; groupId: string; isEnterprise: boolean; withImp: boolean },
  release: string,
  userMayReadRelease: boolean,
  declarationNewline: boolean,
  secure: boolean,
  requests: readonly { kind: string; xml?: string }[],
): void {
  {
    const loginId = `${u.local}@lab.test`;
    const password = 'pw-Secret-1';
    const user: OciDirectoryUser = {
      loginId, password, firstName: u.firstName, lastName: u.lastName, extension: u.extension, phoneNumber: u.phoneNumber,
      serviceProviderId: u.serviceProviderId, groupId: u.groupId, isEnterprise: u.isEnterprise, ...(u.withImp ? { impId: `${u.local}@xmpp.lab.test` } : {}),
    };
    const telephony = new LabTelephony({
      seed: 'p',
      users: [{ userId: loginId, uid: 1, firstName: u.firstName, lastName: u.lastName, extension: u.extension, phoneNumber: u.phoneNumber, services: u.withImp ? ['Integrated IM&P'] : [] }],
    });
    let nonce = 1_000_000_000_000;
    const captured: Captured = { sent: [], closed: false };
    const session = new OcsSession(
      fakeConnection(secure, captured),
      {
        directory: new OciDirectory([user], telephony), releaseText: release, release: releaseOf(release), userMayReadRelease,
        cleartextLogin: 'tls-only', nextNonce: () => String(++nonce),
      },
      {
        createCap: () => ({ handle: () => undefined, close: () => undefined }), declarationNewline, timeouts: { idleMs: 0, unfinishedDocumentMs: 0 },
        onError: (e) => errors.push(e),
      },
    );
    const errors: unknown[] = [];
    const send = (commands: string): void => {
      if (captured.closed) return;
      const before = captured.sent.length;
      session.onData(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">p</sessionId>${commands}</BroadsoftDocument>\n`, 'utf8'));
      expect(captured.sent.length, 'every request document gets one answer').toBe(before + 1);
    };
    const signedLogin = (pw: string): void => {
      send(`<command xsi:type="AuthenticationRequest" xmlns=""><userId>${loginId}</userId></command>`);
      const challenge = /<nonce>(\d+)<\/nonce>/.exec(captured.sent.at(-1) ?? '')?.[1] ?? '0';
      send(`<command xsi:type="LoginRequest14sp4" xmlns=""><userId>${loginId}</userId><signedPassword>${signedPassword(challenge, pw)}</signedPassword></command>`);
    };
    for (const r of requests) {
      if (r.kind === 'login') signedLogin(password);
      else if (r.kind === 'wrong-password') signedLogin('wrong');
      else if (r.kind === 'logout') send(`<command xsi:type="LogoutRequest" xmlns=""><userId>${loginId}</userId><reason>Client Logout</reason></command>`);
      else if (r.kind === 'push-logout') session.pushLogout();
      else send(r.xml!.replace('USER', loginId).replace('PASSWORD', password));
    }
    session.onClose();
    expect(errors).toEqual([]);
    if (requests.some((r) => r.kind !== 'push-logout')) expect(captured.sent.length).toBeGreaterThan(0);
    for (const doc of captured.sent) {
      const xml = new TextDecoder(/encoding="UTF-8"/.test(doc.slice(0, 60)) ? 'utf-8' : 'latin1').decode(Buffer.from(doc, 'latin1'));
      const findings = ociRules.check(xml);
      expect(findings, `${formatFindings(findings)}\n${xml.slice(0, 2000)}`).toEqual([]);
      expect(xml.length).toBeLessThan(4000); // client input quoted back stays bounded
    }
  }
}

function signedPassword(nonce: string, password: string): string {
  // oci-p.md §5.1, computed with node:crypto (independent of our codec's hashing).
  const sha1 = createHash('sha1').update(password, 'utf8').digest('hex');
  return createHash('md5').update(`${nonce}:${sha1}`, 'utf8').digest('hex');
}

import { describe, expect, it } from 'vitest';
import {
  decodeOciDocument, decodeOciEnvelope, decodeOciText, encodeOciDocument, ociErrorCode, parseXml, renderOciDocument,
  type OciDocument, type Result,
} from '../../src/codecs/index.ts';

const DECL = '<?xml version="1.0" encoding="ISO-8859-1"?>';
const ROOT = '<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">';
const wrap = (sessionId: string, commands: string) => `${DECL}${ROOT}<sessionId xmlns="">${sessionId}</sessionId>${commands}</BroadsoftDocument>\n`;

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

// oci-p.md §11 examples, one line on the wire (§2).
const GOLDEN: Array<[string, OciDocument, string]> = [
  [
    'two-command request',
    { sessionId: 'lab-sess-01', commands: [{ type: 'UserGetRequest22', userId: 'ann@lab.test' }, { type: 'UserIntegratedIMPGetRequest21sp1', userId: 'ann@lab.test' }] },
    wrap('lab-sess-01', '<command xsi:type="UserGetRequest22" xmlns=""><userId>ann@lab.test</userId></command><command xsi:type="UserIntegratedIMPGetRequest21sp1" xmlns=""><userId>ann@lab.test</userId></command>'),
  ],
  [
    'authentication challenge',
    { sessionId: 's', commands: [{ type: 'AuthenticationResponse', echo: '', userId: 'ann@lab.test', nonce: '1234567890123', passwordAlgorithm: 'MD5' }] },
    wrap('s', '<command echo="" xsi:type="AuthenticationResponse" xmlns=""><userId>ann@lab.test</userId><nonce>1234567890123</nonce><passwordAlgorithm>MD5</passwordAlgorithm></command>'),
  ],
  [
    'signed login',
    { sessionId: 's', commands: [{ type: 'LoginRequest14sp4', userId: 'ann@lab.test', signedPassword: '77e4a6de3a1e00be05e121cf0ebee860' }] },
    wrap('s', '<command xsi:type="LoginRequest14sp4" xmlns=""><userId>ann@lab.test</userId><signedPassword>77e4a6de3a1e00be05e121cf0ebee860</signedPassword></command>'),
  ],
  [
    'login response',
    {
      sessionId: 's',
      commands: [{ type: 'LoginResponse14sp4', echo: '', loginType: 'User', locale: 'en_US', encoding: 'ISO-8859-1', groupId: 'G1', serviceProviderId: 'SP1', isEnterprise: false, passwordExpiresDays: 2147483647, userDomain: 'lab.test' }],
    },
    wrap('s', '<command echo="" xsi:type="LoginResponse14sp4" xmlns=""><loginType>User</loginType><locale>en_US</locale><encoding>ISO-8859-1</encoding><groupId>G1</groupId><serviceProviderId>SP1</serviceProviderId><isEnterprise>false</isEnterprise><passwordExpiresDays>2147483647</passwordExpiresDays><userDomain>lab.test</userDomain></command>'),
  ],
  [
    'success and error',
    {
      sessionId: 's',
      commands: [
        { type: 'SuccessResponse', echo: '' },
        { type: 'ErrorResponse', echo: '', errorType: 'Error', summary: '[Error 4008] User not found: bob@lab.test', summaryEnglish: '[Error 4008] User not found: bob@lab.test' },
      ],
    },
    wrap('s', '<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/><command type="Error" echo="" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns=""><summary>[Error 4008] User not found: bob@lab.test</summary><summaryEnglish>[Error 4008] User not found: bob@lab.test</summaryEnglish></command>'),
  ],
  [
    'server-pushed logout',
    { sessionId: 's', commands: [{ type: 'LogoutRequest', userId: 'ann@lab.test', reason: 'Open Client Server Forced Logout' }] },
    wrap('s', '<command xsi:type="LogoutRequest" xmlns=""><userId>ann@lab.test</userId><reason>Open Client Server Forced Logout</reason></command>'),
  ],
  [
    'software version, keepalive',
    { sessionId: 's', commands: [{ type: 'SystemSoftwareVersionGetRequest' }, { type: 'VerifySessionIsValidRequest' }] },
    wrap('s', '<command xsi:type="SystemSoftwareVersionGetRequest" xmlns=""/><command xsi:type="VerifySessionIsValidRequest" xmlns=""/>'),
  ],
];

describe('OCI-P golden samples (oci-p.md §11)', () => {
  for (const [name, doc, wire] of GOLDEN) {
    it(`encodes the ${name} byte-exact and decodes it back`, () => {
      expect(value(renderOciDocument(doc))).toBe(wire);
      const decoded = value(decodeOciDocument(value(encodeOciDocument(doc))));
      expect(decoded.encoding).toBe('ISO-8859-1');
      expect(decoded.document).toEqual({ protocol: 'OCI', ...doc });
    });
  }

  it('decodes a real-shaped UserGetResponse21 (oci-p.md §9) and ignores fields it does not model', () => {
    const wire = wrap('s', '<command echo="" xsi:type="UserGetResponse21" xmlns=""><serviceProviderId>SP1</serviceProviderId><groupId>G1</groupId><lastName>Doe</lastName><firstName>Ann</firstName><callingLineIdLastName>Doe</callingLineIdLastName><callingLineIdFirstName>Ann</callingLineIdFirstName><phoneNumber>6175551212</phoneNumber><extension>80550</extension><department xsi:type="GroupDepartmentKey"><serviceProviderId>SP1</serviceProviderId><groupId>G1</groupId><name>Sales</name></department><language>English</language><timeZone>America/New_York</timeZone><timeZoneDisplayName>(GMT-04:00) (US) Eastern Time</timeZoneDisplayName><defaultAlias>ann@lab.test</defaultAlias><countryCode>1</countryCode><impId>ann@im.lab.test</impId></command>');
    const doc = value(decodeOciText(wire));
    expect(doc.commands[0]).toEqual({
      type: 'UserGetResponse21', echo: '', serviceProviderId: 'SP1', groupId: 'G1', lastName: 'Doe', firstName: 'Ann',
      callingLineIdLastName: 'Doe', callingLineIdFirstName: 'Ann', phoneNumber: '6175551212', extension: '80550', language: 'English',
      timeZone: 'America/New_York', timeZoneDisplayName: '(GMT-04:00) (US) Eastern Time', defaultAlias: 'ann@lab.test', countryCode: '1', impId: 'ann@im.lab.test',
    });
  });

  it('tolerates what real clients send (oci-p.md §2): no declaration, quotes, CRLF, attribute order, odd reasons', () => {
    const variants = [
      `<BroadsoftDocument xmlns='C' protocol = 'OCI' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>\r\n  <sessionId xmlns=''>x</sessionId>\r\n  <command xmlns='' xsi:type='LogoutRequest'>\r\n    <userId>ann@lab.test</userId>\r\n    <reason>Connection close</reason>\r\n  </command>\r\n</BroadsoftDocument>\r\n`,
      `  <?xml version='1.0' encoding='UTF-8'?>\n<BroadsoftDocument protocol="OCI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="C"><sessionId xmlns="">x</sessionId><command xsi:type="LogoutRequest" xmlns=""><userId>ann@lab.test</userId><reason>Connection close</reason></command></BroadsoftDocument>`,
    ];
    for (const v of variants) {
      const doc = value(decodeOciDocument(new TextEncoder().encode(v))).document;
      expect(doc.sessionId).toBe('x');
      expect(doc.commands).toEqual([{ type: 'LogoutRequest', userId: 'ann@lab.test', reason: 'Connection close' }]);
    }
  });

  it('resolves c:SuccessResponse by namespace and accepts an unprefixed one', () => {
    const unprefixed = wrap('s', '<command echo="" xsi:type="SuccessResponse" xmlns=""/>');
    expect(value(decodeOciText(unprefixed)).commands).toEqual([{ type: 'SuccessResponse', echo: '' }]);
  });

  it('parses the error code from the summary when errorCode is absent (oci-p.md §7)', () => {
    const wire = wrap('s', '<command type="Warning" echo="e1" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns=""><summary>[Error 4962] Invalid password</summary><summaryEnglish>[Error 4962] Invalid password</summaryEnglish><detail>d</detail></command>');
    const err = value(decodeOciText(wire)).commands[0];
    expect(err).toEqual({ type: 'ErrorResponse', echo: 'e1', errorType: 'Warning', summary: '[Error 4962] Invalid password', summaryEnglish: '[Error 4962] Invalid password', detail: 'd' });
    if (err?.type === 'ErrorResponse') expect(ociErrorCode(err)).toBe(4962);
    expect(ociErrorCode({ errorCode: 4400, summary: '[Error 1] x', summaryEnglish: '' })).toBe(4400);
    expect(ociErrorCode({ summary: 'no code', summaryEnglish: 'none' })).toBeUndefined();
  });

  it('refuses to encode a cleartext password unless the connection is TLS (oci-p.md §5.2)', () => {
    const login: OciDocument = { sessionId: 's', commands: [{ type: 'LoginRequest22V5', userId: 'ann@lab.test', password: 'pw-Secret-1' }] };
    const refused = renderOciDocument(login);
    expect(code(refused)).toBe('CLEARTEXT_REFUSED');
    if (!refused.ok) expect(refused.error.message).not.toContain('pw-Secret-1');
    expect(code(renderOciDocument({ sessionId: 's', commands: [{ type: 'LoginRequest14sp4', userId: 'a', plainTextPassword: 'x' }] }))).toBe('CLEARTEXT_REFUSED');
    expect(value(renderOciDocument(login, { overTls: true }))).toBe(
      wrap('s', '<command xsi:type="LoginRequest22V5" xmlns=""><userId>ann@lab.test</userId><password>pw-Secret-1</password></command>'),
    );
  });

  it('writes the declared encoding; ISO-8859-1 output carries unmappable characters as references', () => {
    const doc: OciDocument = { sessionId: 's', commands: [{ type: 'SystemSoftwareVersionGetResponse', echo: '', version: 'Zoë – 24' }] };
    const latin = value(encodeOciDocument(doc));
    expect(new TextDecoder('latin1').decode(latin)).toContain('<version>Zo\u00eb &#8211; 24</version>');
    const utf8 = value(encodeOciDocument(doc, { encoding: 'UTF-8' }));
    expect(new TextDecoder().decode(utf8)).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>.*<version>Zoë – 24<\/version>/);
    for (const bytes of [latin, utf8]) expect(value(decodeOciDocument(bytes)).document.commands[0]).toEqual(doc.commands[0]);
  });

  it('gives typed errors for unknown types, missing fields, bad values and command counts', () => {
    expect(code(decodeOciText(wrap('s', '<command xsi:type="GroupGetRequest22" xmlns=""><x/></command>')))).toBe('UNKNOWN_TYPE');
    expect(code(decodeOciText(wrap('s', '<command xmlns=""><userId>a</userId></command>')))).toBe('MISSING_FIELD');
    expect(code(decodeOciText(wrap('s', '<command xsi:type="AuthenticationRequest" xmlns=""/>')))).toBe('MISSING_FIELD');
    expect(code(decodeOciText(wrap('s', '<command echo="" xsi:type="UserIntegratedIMPGetResponse21sp1" xmlns=""><isActive>maybe</isActive></command>')))).toBe('INVALID_FIELD');
    expect(code(decodeOciText(wrap('s', '')))).toBe('MISSING_FIELD');
    expect(code(decodeOciText(wrap('s', '<command xsi:type="VerifySessionIsValidRequest" xmlns=""/>'.repeat(16))))).toBe('INVALID_FIELD');
    expect(code(decodeOciText('<BroadsoftDocument protocol="CAP" version="14.0"/>'))).toBe('UNKNOWN_TYPE');
    expect(code(renderOciDocument({ sessionId: 's', commands: [] }))).toBe('INVALID_FIELD');
    expect(code(renderOciDocument({ sessionId: 's', commands: [{ type: 'AuthenticationRequest' } as never] }))).toBe('MISSING_FIELD');
  });

  it('exposes the envelope so an unknown command can be answered by position', () => {
    const root = value(parseXml(wrap('s', '<command xsi:type="Nope" xmlns=""/><command xsi:type="VerifySessionIsValidRequest" xmlns=""/>')));
    const env = value(decodeOciEnvelope(root));
    expect(env.sessionId).toBe('s');
    expect(env.commands).toHaveLength(2);
  });
});

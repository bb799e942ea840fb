import { describe, expect, it } from 'vitest';
import {
  decodeCapDocument, decodeCapText, encodeCapMessage, ociSignedPassword, renderCapMessage, type CapMessage, type Result,
} from '../../src/codecs/index.ts';

const DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const wrap = (commandType: string, data: string, version = '14.0') =>
  `${DECL}<BroadsoftDocument protocol="CAP" version="${version}"><command commandType="${commandType}"><commandData>${data}</commandData></command></BroadsoftDocument>\n`;

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

// cap.md §3–§11 shapes, one line on the wire.
const GOLDEN: Array<[CapMessage, string]> = [
  [
    { type: 'registerAuthentication', userType: 'CallClient', userId: 'ann@lab.test', applicationId: 'unity' },
    wrap('registerAuthentication', '<user userType="CallClient"><id>ann@lab.test</id><applicationId>unity</applicationId></user>'),
  ],
  [
    { type: 'responseAuthentication', userType: 'CallClient', userId: 'ann@lab.test', applicationId: 'unity', nonce: '1234567890123', algorithm: 'MD5' },
    wrap('responseAuthentication', '<user userType="CallClient"><id>ann@lab.test</id><applicationId>unity</applicationId></user><nonce>1234567890123</nonce><algorithm>MD5</algorithm>'),
  ],
  [
    { type: 'registerRequest', userType: 'CallClient', userId: 'ann@lab.test', securePassword: '77e4a6de3a1e00be05e121cf0ebee860', applicationId: 'unity' },
    wrap('registerRequest', '<user userType="CallClient"><id>ann@lab.test</id><securePassword>77e4a6de3a1e00be05e121cf0ebee860</securePassword><applicationId>unity</applicationId></user>'),
  ],
  [
    { type: 'registerResponse', userType: 'CallClient', userUid: '1017', userId: 'ann@lab.test', applicationId: 'unity' },
    wrap('registerResponse', '<user userType="CallClient" userUid="1017"><id>ann@lab.test</id><applicationId>unity</applicationId></user>'),
  ],
  [
    { type: 'registerResponse', userType: 'CallClient', userId: 'ann@lab.test', failure: { cause: 'AuthenticationFailure' } },
    wrap('registerResponse', '<user userType="CallClient"><id>ann@lab.test</id><failure failureCause="AuthenticationFailure"/></user>'),
  ],
  [
    { type: 'acknowledgement', userType: 'CallClient', userId: 'ann@lab.test', userUid: '1017', messageName: 'registerResponse', applicationId: 'unity' },
    wrap('acknowledgement', '<user userType="CallClient" id="ann@lab.test" userUid="1017"><message messageName="registerResponse"/><applicationId>unity</applicationId></user>'),
  ],
  [
    { type: 'unRegister', userType: 'CallClient', userLogoutReason: 'ClientLogout', userId: 'ann@lab.test', applicationId: 'unity' },
    wrap('unRegister', '<user userType="CallClient" userLogoutReason="ClientLogout" id="ann@lab.test"><applicationId>unity</applicationId></user>'),
  ],
  [
    { type: 'callAction', userType: 'CallClient', userUid: '1017', action: { actionType: 'Dial', number: '2002' }, applicationId: 'unity' },
    wrap('callAction', '<user userType="CallClient" userUid="1017"><action actionType="Dial"><actionParam actionParamName="Number">2002</actionParam></action><applicationId>unity</applicationId></user>'),
  ],
  [
    { type: 'callAction', userType: 'CallClient', userUid: '1017', action: { actionType: 'XferConsult', callId: 'c-1', targetCallId: 'c-2' }, applicationId: 'unity' },
    wrap('callAction', '<user userType="CallClient" userUid="1017"><action actionType="XferConsult"><actionParam actionParamName="CallId">c-1</actionParam><actionParam actionParamName="CallId">c-2</actionParam></action><applicationId>unity</applicationId></user>'),
  ],
  [
    { type: 'callAction', userType: 'CallClient', userUid: '1017', action: { actionType: 'Redial' }, applicationId: 'unity' },
    wrap('callAction', '<user userType="CallClient" userUid="1017"><action actionType="Redial"/><applicationId>unity</applicationId></user>'),
  ],
  [
    { type: 'callUpdate', userType: 'AttendantConsole', userUid: '1017', userId: 'ann@lab.test', monitoredUserUid: '1022', monitoredUserId: 'bob@lab.test', call: { callId: 'c-41', extTrackingId: '77:1', state: 1, remoteNumber: '2005' } },
    wrap('callUpdate', '<user userType="AttendantConsole" userUid="1017" id="ann@lab.test"><monitoredUserUid>1022</monitoredUserUid><monitoredUserId>bob@lab.test</monitoredUserId><call callId="c-41" extTrackingId="77:1"><state>1</state><remoteNumber>2005</remoteNumber></call></user>'),
  ],
  [
    { type: 'sessionUpdate', userType: 'CallClient', userUid: '1017', offHook: true, numCalls: 2, conference: { state: 'Active', callIds: ['c-1', 'c-2'], appearance: '1' } },
    wrap('sessionUpdate', '<user userType="CallClient" userUid="1017"><offHook>True</offHook><numCalls>2</numCalls><conference conterenceState="Active"><callIn callInId="c-1"/><callIn callInId="c-2"/><appearance>1</appearance></conference></user>'),
  ],
  [
    { type: 'profileUpdate', userUid: '1017', profile: { firstName: 'Ann', dnd: 'true' }, cfa: { value: 'true', destination: '2009' } },
    wrap('profileUpdate', '<user userUid="1017"><firstName>Ann</firstName><dnd>true</dnd><cfa cfaDestination="2009">true</cfa></user>'),
  ],
  [
    { type: 'monitoringUsersRequest', userType: 'AttendantConsole', userUid: '1017', monType: 'Add', users: ['bob@lab.test', 'cy@lab.test'], applicationId: 'unity' },
    wrap('monitoringUsersRequest', '<user userType="AttendantConsole" userUid="1017"><monitoring monType="Add"><monUser>bob@lab.test</monUser><monUser>cy@lab.test</monUser></monitoring><applicationId>unity</applicationId></user>'),
  ],
  [
    { type: 'serverStatusRequest', userType: 'CallClient', userUid: '1017', applicationId: 'unity' },
    wrap('serverStatusRequest', '<user userType="CallClient" userUid="1017"><applicationId>unity</applicationId></user>'),
  ],
];

describe('CAP golden samples (cap.md)', () => {
  for (const [message, wire] of GOLDEN) {
    it(`encodes ${message.type}${message.type === 'callAction' ? ' ' + message.action.actionType : ''} in the documented shape and decodes it back`, () => {
      expect(value(renderCapMessage(message))).toBe(wire);
      const back = value(decodeCapDocument(value(encodeCapMessage(message))));
      expect(back).toEqual({ version: '14.0', message, encoding: 'UTF-8' });
    });
  }

  it('uses the OCI recipe for securePassword (cap.md §3, test vector of oci-p.md §5.1)', () => {
    expect(ociSignedPassword('1234567890123', 'password')).toBe('77e4a6de3a1e00be05e121cf0ebee860');
  });

  it('accepts the conferenceState spelling too (cap.md §7)', () => {
    const doc = value(decodeCapText(wrap('sessionUpdate', '<user userUid="1"><offHook>False</offHook><numCalls>0</numCalls><conference conferenceState="Released"/></user>')));
    expect(doc.message).toEqual({ type: 'sessionUpdate', userUid: '1', offHook: false, numCalls: 0, conference: { state: 'Released', callIds: [] } });
  });

  it('tolerates what clients send: pretty-printed, CRLF, ISO-8859-1, version 15.0, monUser beside monitoring', () => {
    const text = `  <?xml version='1.0' encoding='ISO-8859-1'?>\r\n<BroadsoftDocument protocol="CAP" version="15.0">\r\n <command commandType="monitoringUsersRequest">\r\n  <commandData>\r\n   <user userType="AttendantConsole" id="ann@lab.test"><monitoring monType="Delete"/><monUser>Zo\u00e9@lab.test</monUser><applicationId>unity</applicationId></user>\r\n  </commandData>\r\n </command>\r\n</BroadsoftDocument>\r\n`;
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(value(decodeCapDocument(bytes))).toEqual({
      version: '15.0', encoding: 'ISO-8859-1',
      message: { type: 'monitoringUsersRequest', userType: 'AttendantConsole', userId: 'ann@lab.test', monType: 'Delete', users: ['Zoé@lab.test'], applicationId: 'unity' },
    });
  });

  it('gives typed errors for unknown commandType and actionType, and missing parts', () => {
    expect(code(decodeCapText(wrap('callControlInfo', '<user/>')))).toBe('UNKNOWN_TYPE');
    expect(code(decodeCapText(wrap('callAction', '<user userUid="1"><action actionType="Park"/><applicationId>a</applicationId></user>')))).toBe('UNKNOWN_TYPE');
    expect(code(decodeCapText(wrap('callAction', '<user userUid="1"><action actionType="Dial"/><applicationId>a</applicationId></user>')))).toBe('MISSING_FIELD');
    expect(code(decodeCapText(wrap('registerResponse', '<user userType="CallClient"><id>a</id></user>')))).toBe('MISSING_FIELD');
    expect(code(decodeCapText(wrap('sessionUpdate', '<user><offHook>maybe</offHook><numCalls>1</numCalls></user>')))).toBe('INVALID_FIELD');
    expect(code(decodeCapText('<BroadsoftDocument protocol="CAP" version="14.0"/>'))).toBe('MISSING_FIELD');
    expect(code(decodeCapText('<BroadsoftDocument protocol="CAP" version="14.0"><command><commandData/></command></BroadsoftDocument>'))).toBe('MISSING_FIELD');
    expect(code(decodeCapText('<BroadsoftDocument protocol="OCI" xmlns="C"/>'))).toBe('UNKNOWN_TYPE');
    expect(code(renderCapMessage({ type: 'nope' } as never))).toBe('UNKNOWN_TYPE');
  });
});

// Every CAP document our encoder writes and every one the lab's CAP session writes passes the CAP
// rules (restated from the clients' captured forms, cap.md) — a property over generated values.
import { createHash } from 'node:crypto';
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { CAP_MESSAGE_TYPES, renderCapMessage, type CapAction, type CapMessage } from '../../../src/codecs/cap/index.ts';
import { parseXmlDocument } from '../../../src/codecs/xml/index.ts';
import { LabTelephony } from '../../../src/lab/telephony/index.ts';
import { OciDirectory } from '../../../src/lab/oci-server/directory.ts';
import { createCapSession } from '../../../src/lab/oci-server/cap-session.ts';
import type { OcsSession } from '../../../src/lab/oci-server/ocs-session.ts';
import type { LabConnection } from '../../../src/lab/net/connection.ts';
import { formatFindings } from '../shape/index.ts';
import { CAP_RULE_MESSAGE_TYPES, capRules } from './rules.ts';

const char = fc.constantFrom(...'aZ09 -._@&<>"\'/#', 'é', '€', '日');
const text = fc.string({ unit: char, maxLength: 20 });
const id = fc.string({ unit: fc.constantFrom(...'abc019@.-'), minLength: 1, maxLength: 16 });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const userType = fc.constantFrom('CallClient', 'AttendantConsole');
const ref = { userType: opt(userType), userUid: opt(id), userId: opt(id) };
const monitored = { monitoredUserUid: opt(id), monitoredUserId: opt(id) };
const PROFILE = ['firstName', 'lastName', 'phone', 'extension', 'locationCode', 'countryCode', 'nationalPrefix', 'mobile', 'pager', 'email', 'department', 'title',
  'voiceMessaging', 'voiceMessagingGroup', 'thirdPartyVoiceMessaging', 'thirdPartyVMGroup', 'dnd', 'cpe', 'acdState'] as const;

const action: fc.Arbitrary<CapAction> = fc.oneof(
  fc.record({ actionType: fc.constant('Dial' as const), number: text }),
  fc.constant({ actionType: 'Redial' as const }),
  fc.record({ actionType: fc.constantFrom('Answer' as const, 'Release' as const, 'Hold' as const), callId: id }),
  fc.record({ actionType: fc.constant('Xfer' as const), callId: id, number: text }),
  fc.record({ actionType: fc.constant('XferConsult' as const), callId: id, targetCallId: id }),
  fc.record({ actionType: fc.constant('ConfStart' as const), callIds: fc.array(id, { maxLength: 4 }) }),
);

const callFields = Object.fromEntries(
  ['remoteNumber', 'remoteName', 'callCenterUserId', 'appearance', 'callType', 'remoteCountryCode', 'localAltType', 'linePort', 'localNumber', 'redirectToNum',
    'redirectToReason', 'redirectFromCountryCode', 'redirectFromNumber', 'redirectFromName', 'redirectFromReason', 'redirectFromCounter', 'releaseCause'].map((k) => [k, opt(text)]),
);

const MESSAGES: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  registerAuthentication: fc.record({ userType, userId: id, applicationId: text }),
  responseAuthentication: fc.record({ userType: opt(userType), userId: id, applicationId: text, nonce: text, algorithm: fc.constant('MD5') }),
  registerRequest: fc.record({ userType, userId: id, securePassword: text, applicationId: text }),
  registerResponse: fc.oneof(
    fc.record({ userType: opt(userType), userUid: id, userId: opt(id), applicationId: opt(text) }),
    fc.record({ userType: opt(userType), userId: opt(id), applicationId: opt(text), failure: fc.record({ cause: opt(text) }) }),
  ),
  acknowledgement: fc.record({ userType, userId: id, userUid: opt(id), messageName: fc.constant('registerResponse'), applicationId: text }),
  unRegister: fc.record({ ...ref, userLogoutReason: opt(fc.constant('ClientLogout')), applicationId: opt(text) }),
  callAction: fc.record({ ...ref, action, applicationId: text }),
  callUpdate: fc.record({ ...ref, ...monitored, call: fc.record({ callId: id, extTrackingId: opt(id), state: opt(fc.integer({ min: 0, max: 5 })), personality: opt(fc.integer({ min: 0, max: 9 })), ...callFields }) }),
  sessionUpdate: fc.record({
    ...ref, ...monitored, offHook: fc.boolean(), numCalls: fc.nat(20),
    conference: opt(fc.record({ state: fc.constantFrom('Active', 'Held', 'Released'), callIds: fc.array(id, { maxLength: 3 }), appearance: opt(text) })),
  }),
  profileUpdate: fc.record({
    ...ref, ...monitored, profile: fc.record(Object.fromEntries(PROFILE.map((k) => [k, text])), { requiredKeys: [] }),
    cfa: opt(fc.record({ value: text, destination: opt(text) })),
  }),
  monitoringUsersRequest: fc.record({ ...ref, monType: fc.constantFrom('Add', 'Delete'), users: fc.array(id, { minLength: 1, maxLength: 4 }), applicationId: text }),
  monitoringUsersResponse: fc.record({ ...ref, monType: opt(fc.constantFrom('Add', 'Delete')), users: fc.array(id, { maxLength: 4 }) }),
  serverStatusRequest: fc.record({ ...ref, applicationId: text }),
  serverStatusResponse: fc.record({ ...ref, applicationId: opt(text) }),
};

const clean = (o: unknown): unknown =>
  Array.isArray(o) ? o.map(clean) : o !== null && typeof o === 'object' ? Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, clean(v)])) : o;

const message: fc.Arbitrary<CapMessage> = fc.oneof(...Object.entries(MESSAGES).map(([type, arb]) => arb.map((m) => clean({ type, ...m }) as CapMessage)));

describe('CAP documents our encoder writes', () => {
  test('the rules and the generators cover every message type the codec knows', () => {
    expect([...CAP_MESSAGE_TYPES].sort()).toEqual([...CAP_RULE_MESSAGE_TYPES].sort());
    expect([...CAP_MESSAGE_TYPES].sort()).toEqual(Object.keys(MESSAGES).sort());
  });

  test.prop([message, fc.constantFrom('14.0', '15.0'), fc.constantFrom('UTF-8' as const, 'ISO-8859-1' as const)], { numRuns: 300 })(
    'pass the CAP rules for generated values',
    (m, version, encoding) => {
      const rendered = renderCapMessage(m, { version, encoding });
      expect(rendered.ok).toBe(true);
      if (!rendered.ok) return;
      const findings = capRules.check(rendered.value);
      expect(findings, formatFindings(findings)).toEqual([]);
    },
  );
});

// ---- the lab's CAP session, without sockets

const step = fc.oneof(
  fc.constant({ kind: 'register' as const }),
  fc.constant({ kind: 'register-wrong' as const }),
  fc.constant({ kind: 'incoming' as const }),
  fc.constant({ kind: 'incoming-bob' as const }),
  fc.constant({ kind: 'dial' as const }),
  fc.constant({ kind: 'monitor-add' as const }),
  fc.constant({ kind: 'monitor-delete' as const }),
  fc.constantFrom('Answer', 'Hold', 'Release').map((a) => ({ kind: 'act' as const, action: a })),
  fc.constant({ kind: 'remote-release' as const }),
  fc.constant({ kind: 'status' as const }),
  fc.constant({ kind: 'unregister' as const }),
);

describe('CAP documents the lab writes', () => {
  test.prop([fc.boolean(), fc.boolean(), fc.array(step, { minLength: 1, maxLength: 10 })], { numRuns: 150 })(
    'pass the CAP rules, whatever the request and call sequence',
    (withService, serverStatusReply, steps) => {
      const telephony = new LabTelephony({
        seed: 'cap',
        users: [
          { userId: 'ann@lab.test', uid: 1017, firstName: 'Ann', lastName: 'Lee', extension: '2001', phoneNumber: '6175552001', services: withService ? ['Client Call Control'] : [] },
          { userId: 'bob@lab.test', uid: 1022, firstName: 'Bob', lastName: 'Ray', extension: '2002', phoneNumber: '6175552002', services: ['Client Call Control'] },
        ],
      });
      const directory = new OciDirectory(
        [
          { loginId: 'ann@lab.test', password: 'pw-a', firstName: 'Ann', lastName: 'Lee', extension: '2001', phoneNumber: '6175552001', serviceProviderId: 'SP', groupId: 'G', isEnterprise: false },
          { loginId: 'bob@lab.test', password: 'pw-b', firstName: 'Bob', lastName: 'Ray', extension: '2002', phoneNumber: '6175552002', serviceProviderId: 'SP', groupId: 'G', isEnterprise: false },
        ],
        telephony,
      );
      const sent: string[] = [];
      const errors: unknown[] = [];
      const connection: LabConnection = {
        id: 1, secure: false, endpoint: 'plain', closed: false, loginDocumentRead: () => true, injectedLoginAnswer: () => null,
        send: (d) => sent.push(typeof d === 'string' ? d : Buffer.from(d).toString('utf8')), close: () => undefined, destroy: () => undefined,
      };
      let n = 1_000_000_000_000;
      const cap = createCapSession(connection, {} as OcsSession, { directory, telephony, serverStatusReply, nextNonce: () => String(++n), onError: (e) => errors.push(e) });
      const send = (commandType: string, data: string): void => {
        const root = parseXmlDocument(new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="CAP" version="14.0"><command commandType="${commandType}"><commandData>${data}</commandData></command></BroadsoftDocument>`));
        if (!root.ok) throw root.error;
        cap.handle(root.value, 'UTF-8');
      };
      const register = (password: string): void => {
        send('registerAuthentication', '<user userType="CallClient"><id>ann@lab.test</id><applicationId>unity</applicationId></user>');
        const nonce = /<nonce>(\d+)<\/nonce>/.exec(sent.at(-1) ?? '')?.[1] ?? '0';
        const sha1 = createHash('sha1').update(password).digest('hex');
        const secure = createHash('md5').update(`${nonce}:${sha1}`).digest('hex');
        send('registerRequest', `<user userType="CallClient"><id>ann@lab.test</id><securePassword>${secure}</securePassword><applicationId>unity</applicationId></user>`);
      };
      const lastCall = () => telephony.calls('ann@lab.test').find((c) => c.state !== 'Released');
      for (const s of steps) {
        try {
          if (s.kind === 'register') register('pw-a');
          else if (s.kind === 'register-wrong') register('nope');
          else if (s.kind === 'incoming') telephony.placeIncomingCall('ann@lab.test', { number: '+15550100', name: 'Outside & Co' });
          else if (s.kind === 'incoming-bob') telephony.placeIncomingCall('bob@lab.test', { number: '+15550101' });
          else if (s.kind === 'dial') send('callAction', '<user userType="CallClient" userUid="1017"><action actionType="Dial"><actionParam actionParamName="Number">2002</actionParam></action><applicationId>unity</applicationId></user>');
          else if (s.kind === 'monitor-add' || s.kind === 'monitor-delete') {
            send('monitoringUsersRequest', `<user userType="AttendantConsole" userUid="1017"><monitoring monType="${s.kind === 'monitor-add' ? 'Add' : 'Delete'}"><monUser>bob@lab.test</monUser><monUser>nobody@lab.test</monUser></monitoring><applicationId>unity</applicationId></user>`);
          } else if (s.kind === 'act') {
            const c = lastCall();
            if (c) send('callAction', `<user userType="CallClient" userUid="1017"><action actionType="${s.action}"><actionParam actionParamName="CallId">${c.callId}</actionParam></action><applicationId>unity</applicationId></user>`);
          } else if (s.kind === 'remote-release') {
            const c = lastCall();
            if (c) telephony.remoteRelease(c.callId);
          } else if (s.kind === 'status') send('serverStatusRequest', '<user userType="CallClient" userUid="1017"><applicationId>unity</applicationId></user>');
          else send('unRegister', '<user userType="CallClient" userLogoutReason="ClientLogout" id="ann@lab.test"><applicationId>unity</applicationId></user>');
        } catch (e) {
          // the call model refusing an action in the current state is not a CAP document problem
          if ((e as { name?: string }).name !== 'TelephonyError') throw e;
        }
      }
      cap.close();
      for (const doc of sent) {
        const findings = capRules.check(doc);
        expect(findings, `${formatFindings(findings)}\n${doc}`).toEqual([]);
      }
      expect(errors.filter((e) => (e as { name?: string }).name !== 'TelephonyError')).toEqual([]);
    },
  );
});

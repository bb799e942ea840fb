// CAP golden documents (test/conformance/cap/golden/): CAP has no public schema, so these are
// written by hand from the forms the public client implementations send and parse (cap.md §3–§11),
// a minimal and a full form of every message the client sends or reads. Each passes the CAP rules,
// our decoder reads it, and the values are the ones written in the file.
import { readdirSync, readFileSync } from 'node:fs';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { openBroadsoftStream } from '../../../src/adapters/oci/broadsoft-stream.ts';
import { createCapLink, type CapLinkUpdate } from '../../../src/adapters/cap/cap-link.ts';
import type { ByteSocket } from '../../../src/effects/byte-socket.ts';
import { decodeCapDocument } from '../../../src/codecs/cap/index.ts';
import { formatFindings } from '../shape/index.ts';
import { capRules } from './rules.ts';

const DIR = new URL('./golden/', import.meta.url);
const read = (name: string): Uint8Array => readFileSync(new URL(name, DIR));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort();

const ANN = 'ann@lab.test';
const call = (actionType: string, extra: Record<string, unknown>, user: Record<string, unknown> = { userType: 'CallClient', userUid: '1017' }) => ({
  type: 'callAction', ...user, action: { actionType, ...extra }, applicationId: 'unity',
});

/** The decoded message of each golden file (version 14.0 unless said), hand-copied from the files. */
const EXPECTED: Record<string, { version?: string; message: Record<string, unknown> }> = {
  'registerAuthentication.min.xml': { message: { type: 'registerAuthentication', userType: 'CallClient', userId: ANN, applicationId: 'unity' } },
  'registerAuthentication.full.xml': { message: { type: 'registerAuthentication', userType: 'AttendantConsole', userId: ANN, applicationId: 'Unity Desktop 7.2' } },
  'responseAuthentication.min.xml': { message: { type: 'responseAuthentication', userId: ANN, applicationId: 'unity', nonce: '1234567890123', algorithm: 'MD5' } },
  'responseAuthentication.full.xml': { message: { type: 'responseAuthentication', userType: 'CallClient', userId: ANN, applicationId: 'unity', nonce: '7491827364512', algorithm: 'MD5' } },
  'registerRequest.min.xml': { message: { type: 'registerRequest', userType: 'CallClient', userId: ANN, securePassword: '77e4a6de3a1e00be05e121cf0ebee860', applicationId: 'unity' } },
  'registerRequest.full.xml': { message: { type: 'registerRequest', userType: 'AttendantConsole', userId: ANN, securePassword: '77e4a6de3a1e00be05e121cf0ebee860', applicationId: 'unity' } },
  'registerResponse.success.min.xml': { message: { type: 'registerResponse', userUid: '1017' } },
  'registerResponse.success.full.xml': { message: { type: 'registerResponse', userType: 'CallClient', userUid: '1017', userId: ANN, applicationId: 'unity' } },
  'registerResponse.failure.min.xml': { message: { type: 'registerResponse', failure: {} } },
  'registerResponse.failure.full.xml': {
    message: { type: 'registerResponse', userType: 'CallClient', userId: ANN, applicationId: 'unity', failure: { cause: 'Client Call Control service is not assigned to the user' } },
  },
  'acknowledgement.min.xml': { message: { type: 'acknowledgement', userType: 'CallClient', userId: ANN, messageName: 'registerResponse', applicationId: 'unity' } },
  'acknowledgement.full.xml': { message: { type: 'acknowledgement', userType: 'CallClient', userId: ANN, userUid: '1017', messageName: 'registerResponse', applicationId: 'unity' } },
  'unRegister.min.xml': { message: { type: 'unRegister' } },
  'unRegister.full.xml': { message: { type: 'unRegister', userType: 'CallClient', userLogoutReason: 'ClientLogout', userId: ANN, userUid: '1017', applicationId: 'unity' } },
  'callAction.min.xml': { message: { type: 'callAction', action: { actionType: 'Redial' }, applicationId: 'unity' } },
  'callAction.full.xml': {
    version: '15.0',
    message: call('ConfStart', { callIds: ['c-41', 'c-42', 'c-43'] }, { userType: 'CallClient', userUid: '1017', userId: ANN }),
  },
  'callAction.Dial.xml': { message: call('Dial', { number: '2002' }) },
  'callAction.Answer.xml': { message: call('Answer', { callId: 'c-41' }) },
  'callAction.Release.xml': { message: call('Release', { callId: 'c-41' }) },
  'callAction.Hold.xml': { message: call('Hold', { callId: 'c-41' }) },
  'callAction.Xfer.xml': { message: call('Xfer', { callId: 'c-41', number: '+44 20 7946 0000' }, { userType: 'CallClient', userId: ANN }) },
  'callAction.XferConsult.xml': { message: call('XferConsult', { callId: 'c-41', targetCallId: 'c-42' }) },
  'callUpdate.min.xml': { message: { type: 'callUpdate', call: { callId: 'c-41' } } },
  'callUpdate.full.xml': {
    message: {
      type: 'callUpdate', userType: 'AttendantConsole', userUid: '1017', userId: ANN, monitoredUserUid: '1022', monitoredUserId: 'bob@lab.test',
      call: {
        callId: 'c-41', extTrackingId: '77:1', state: 1, remoteNumber: '2005', remoteName: 'Dora Ng', callCenterUserId: 'sales@lab.test', appearance: '1',
        personality: 2, callType: 'Group', remoteCountryCode: '1', localAltType: 'None', linePort: 'bob_lp@lab.test', localNumber: '2002', redirectToNum: '2003',
        redirectToReason: 'deflection', redirectFromCountryCode: '1', redirectFromNumber: '2900', redirectFromName: 'Sales', redirectFromReason: 'hunt-group',
        redirectFromCounter: '1', releaseCause: 'Normal',
      },
    },
  },
  'sessionUpdate.min.xml': { message: { type: 'sessionUpdate', offHook: false, numCalls: 0 } },
  'sessionUpdate.full.xml': {
    message: {
      type: 'sessionUpdate', userType: 'AttendantConsole', userUid: '1017', userId: ANN, monitoredUserUid: '1022', monitoredUserId: 'bob@lab.test',
      offHook: true, numCalls: 2, conference: { state: 'Held', callIds: ['c-41', 'c-42'], appearance: '1' },
    },
  },
  'profileUpdate.min.xml': { message: { type: 'profileUpdate', profile: {} } },
  'profileUpdate.full.xml': {
    message: {
      type: 'profileUpdate', userType: 'CallClient', userUid: '1017', userId: ANN, monitoredUserUid: '1022', monitoredUserId: 'bob@lab.test',
      profile: {
        firstName: 'Bob', lastName: 'Ray', phone: '6175552002', extension: '2002', locationCode: '77', countryCode: '1', nationalPrefix: '1', mobile: '6175557777',
        pager: '6175559999', email: 'bob@lab.test', department: 'Sales', title: 'Agent', voiceMessaging: 'true', voiceMessagingGroup: 'false',
        thirdPartyVoiceMessaging: 'false', thirdPartyVMGroup: 'false', dnd: 'true', cpe: 'false', acdState: 'Available',
      },
      cfa: { value: 'true', destination: '2003' },
    },
  },
  'monitoringUsersRequest.min.xml': { message: { type: 'monitoringUsersRequest', monType: 'Add', users: ['bob@lab.test'], applicationId: 'unity' } },
  'monitoringUsersRequest.full.xml': {
    message: { type: 'monitoringUsersRequest', userType: 'AttendantConsole', userUid: '1017', userId: ANN, monType: 'Delete', users: ['bob@lab.test', 'cy@lab.test', 'dora@lab.test'], applicationId: 'unity' },
  },
  'monitoringUsersResponse.min.xml': { message: { type: 'monitoringUsersResponse', users: [] } },
  'monitoringUsersResponse.full.xml': { message: { type: 'monitoringUsersResponse', userType: 'AttendantConsole', userUid: '1017', userId: ANN, monType: 'Add', users: ['bob@lab.test', 'cy@lab.test'] } },
  'serverStatusRequest.min.xml': { message: { type: 'serverStatusRequest', applicationId: 'unity' } },
  'serverStatusRequest.full.xml': { message: { type: 'serverStatusRequest', userType: 'CallClient', userUid: '1017', applicationId: 'unity' } },
  'serverStatusResponse.min.xml': { message: { type: 'serverStatusResponse' } },
  'serverStatusResponse.full.xml': { message: { type: 'serverStatusResponse', userType: 'CallClient', userUid: '1017', applicationId: 'unity' } },
};

describe('CAP golden documents (hand-written from the clients\' captured forms)', () => {
  it('has an expectation for every golden file and a file for every expectation', () => {
    expect(FILES).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(FILES)('%s passes the CAP rules', (name) => {
    const findings = capRules.check(Buffer.from(read(name)).toString(/ISO-8859-1/.test(Buffer.from(read(name)).toString('latin1', 0, 60)) ? 'latin1' : 'utf8'));
    expect(findings, formatFindings(findings)).toEqual([]);
  });

  it.each(FILES)('%s is read by our decoder with the values written in it', (name) => {
    const doc = decodeCapDocument(read(name));
    expect(doc.ok, doc.ok ? '' : `${doc.error.code} ${doc.error.message}`).toBe(true);
    if (!doc.ok) return;
    const want = EXPECTED[name]!;
    expect(doc.value.version).toBe(want.version ?? '14.0');
    expect(doc.value.message).toEqual(want.message);
  });
});

// ---- the client's CAP link reads the golden server messages as a server's answers and pushes

describe('the CAP link reads every server message form without a protocol error', () => {
  for (const form of ['min', 'full'] as const) {
    it(`registers from the ${form} answers and passes on the ${form} pushes; unused message types are ignored`, async () => {
      const data = new Subject<Uint8Array>();
      const replies = [`responseAuthentication.${form}.xml`, 'registerResponse.success.full.xml'];
      const socket: ByteSocket = {
        data$: data.asObservable(),
        info: { host: 'ocs.lab.test', address: '127.0.0.1', port: 2208, tls: null },
        write() {
          const next = replies.shift();
          if (next !== undefined) queueMicrotask(() => data.next(read(next)));
        },
        end: () => data.complete(),
        destroy: () => data.complete(),
      };
      const link = createCapLink({ stream: openBroadsoftStream(socket), applicationId: 'unity' });
      const updates: CapLinkUpdate[] = [];
      link.updates$.subscribe((u) => updates.push(u));
      const reg = await link.register({ userId: ANN, password: 'password' });
      expect(reg).toEqual({ ok: true, value: { userId: ANN, userUid: '1017' } });
      const unused = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="CAP" version="14.0"><command commandType="externalNotify"><commandData><user userUid="1017"/></commandData></command></BroadsoftDocument>\n');
      for (const push of [`callUpdate.${form}.xml`, `sessionUpdate.${form}.xml`, `profileUpdate.${form}.xml`, `serverStatusResponse.${form}.xml`]) data.next(read(push));
      data.next(unused);
      data.next(read(`unRegister.${form}.xml`));
      await new Promise((r) => setImmediate(r));
      expect(updates.map((u) => u.type)).toEqual(['callUpdate', 'sessionUpdate', 'profileUpdate', 'unRegister']);
      expect(updates[0]).toMatchObject(EXPECTED[`callUpdate.${form}.xml`]!.message);
    });
  }
});

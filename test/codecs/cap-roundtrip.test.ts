import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CAP_MESSAGE_TYPES, CAP_PROFILE_FIELDS, decodeCapDocument, encodeCapMessage, type CapMessage, type CapMessageType } from '../../src/codecs/index.ts';

const text = fc
  .string({ unit: fc.oneof(fc.constantFrom('&', '<', '>', '"', '\r', '\n', 'é', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 12 })
  .map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const rec = <T extends Record<string, fc.Arbitrary<unknown>>>(r: T) => fc.record(r).map(clean);
const ref = { userType: maybe(fc.constantFrom('CallClient', 'AttendantConsole')), userUid: maybe(text), userId: maybe(text) };
const monitored = { monitoredUserUid: maybe(text), monitoredUserId: maybe(text) };
const int = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

const action = fc.oneof(
  rec({ actionType: fc.constant('Dial'), number: text }),
  rec({ actionType: fc.constant('Redial') }),
  rec({ actionType: fc.constantFrom('Answer', 'Release', 'Hold'), callId: text }),
  rec({ actionType: fc.constant('Xfer'), callId: text, number: text }),
  rec({ actionType: fc.constant('XferConsult'), callId: text, targetCallId: text }),
  rec({ actionType: fc.constant('ConfStart'), callIds: fc.array(text, { maxLength: 4 }) }),
);

const call = rec({
  callId: text, extTrackingId: maybe(text), state: maybe(fc.integer({ min: 0, max: 5 })), remoteNumber: maybe(text), remoteName: maybe(text),
  callCenterUserId: maybe(text), appearance: maybe(text), personality: maybe(int), callType: maybe(text), remoteCountryCode: maybe(text),
  localAltType: maybe(text), linePort: maybe(text), localNumber: maybe(text), redirectToNum: maybe(text), redirectToReason: maybe(text),
  redirectFromCountryCode: maybe(text), redirectFromNumber: maybe(text), redirectFromName: maybe(text), redirectFromReason: maybe(text),
  redirectFromCounter: maybe(text), releaseCause: maybe(text),
});

const profile = fc.record(Object.fromEntries(CAP_PROFILE_FIELDS.map((f) => [f, maybe(text)]))).map(clean);

const ARBS: { [K in CapMessageType]: fc.Arbitrary<unknown> } = {
  registerAuthentication: rec({ type: fc.constant('registerAuthentication'), userType: text, userId: text, applicationId: text }),
  responseAuthentication: rec({ type: fc.constant('responseAuthentication'), userType: maybe(text), userId: text, applicationId: text, nonce: text, algorithm: text }),
  registerRequest: rec({ type: fc.constant('registerRequest'), userType: text, userId: text, securePassword: text, applicationId: text }),
  registerResponse: fc.oneof(
    rec({ type: fc.constant('registerResponse'), userType: maybe(text), userUid: text, userId: maybe(text), applicationId: maybe(text) }),
    rec({ type: fc.constant('registerResponse'), userType: maybe(text), userId: maybe(text), applicationId: maybe(text), failure: rec({ cause: maybe(text) }) }),
  ),
  acknowledgement: rec({ type: fc.constant('acknowledgement'), userType: text, userId: text, userUid: maybe(text), messageName: text, applicationId: text }),
  unRegister: rec({ type: fc.constant('unRegister'), ...ref, userLogoutReason: maybe(text), applicationId: maybe(text) }),
  callAction: rec({ type: fc.constant('callAction'), ...ref, action, applicationId: text }),
  callUpdate: rec({ type: fc.constant('callUpdate'), ...ref, ...monitored, call }),
  sessionUpdate: rec({
    type: fc.constant('sessionUpdate'), ...ref, ...monitored, offHook: fc.boolean(), numCalls: int,
    conference: maybe(rec({ state: fc.constantFrom('Active', 'Held', 'Released'), callIds: fc.array(text, { maxLength: 3 }), appearance: maybe(text) })),
  }),
  profileUpdate: rec({ type: fc.constant('profileUpdate'), ...ref, ...monitored, profile, cfa: maybe(rec({ value: text, destination: maybe(text) })) }),
  monitoringUsersRequest: rec({ type: fc.constant('monitoringUsersRequest'), ...ref, monType: fc.constantFrom('Add', 'Delete'), users: fc.array(text, { maxLength: 4 }), applicationId: text }),
  monitoringUsersResponse: rec({ type: fc.constant('monitoringUsersResponse'), ...ref, monType: maybe(fc.constantFrom('Add', 'Delete')), users: fc.array(text, { maxLength: 4 }) }),
  serverStatusRequest: rec({ type: fc.constant('serverStatusRequest'), ...ref, applicationId: text }),
  serverStatusResponse: rec({ type: fc.constant('serverStatusResponse'), ...ref, applicationId: maybe(text) }),
};

describe('CAP round trip', () => {
  it('covers every message type', () => {
    expect(Object.keys(ARBS).sort()).toEqual([...CAP_MESSAGE_TYPES].sort());
  });

  it('decode(encode(message)) equals the message for generated messages of every type, in both encodings', () => {
    fc.assert(
      fc.property(fc.oneof(...Object.values(ARBS)), fc.constantFrom('UTF-8' as const, 'ISO-8859-1' as const), fc.constantFrom('14.0', '15.0'), (m, encoding, version) => {
        const message = m as CapMessage;
        const bytes = encodeCapMessage(message, { encoding, version });
        expect(bytes.ok).toBe(true);
        if (!bytes.ok) return;
        const back = decodeCapDocument(bytes.value);
        expect(back.ok && back.value).toEqual({ version, encoding, message });
      }),
      { numRuns: 600 },
    );
  });
});

describe('CAP decoder on damaged input', () => {
  const CODES = ['MALFORMED_XML', 'DOCTYPE_REFUSED', 'ENTITY_REFUSED', 'TOO_LARGE', 'TOO_DEEP', 'TOO_MANY_ATTRIBUTES', 'TRUNCATED', 'UNKNOWN_TYPE', 'MISSING_FIELD', 'INVALID_FIELD', 'BAD_ENCODING', 'UNSUPPORTED'];
  it('mutated and truncated bytes only ever give messages or typed errors', () => {
    fc.assert(
      fc.property(fc.oneof(...Object.values(ARBS)), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 5 }), fc.nat(), (m, edits, cut) => {
        const r = encodeCapMessage(m as CapMessage);
        if (!r.ok) throw r.error;
        const bytes = Uint8Array.from(r.value);
        for (const [at, b] of edits) bytes[at % bytes.length] = b;
        for (const input of [bytes, bytes.subarray(0, cut % (bytes.length + 1))]) {
          const out = decodeCapDocument(input);
          if (!out.ok) expect(CODES).toContain(out.error.code);
        }
      }),
      { numRuns: 400 },
    );
  });
});

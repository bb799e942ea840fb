import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decodeBusyLampField, encodeBusyLampField, type BusyLampFieldUser } from '../../src/codecs/xsi/busy-lamp-field.ts';

const token = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && !/ {2}|[\x00-\x1f\ud800-\udfff\ufffe\uffff]/.test(s));
const user: fc.Arbitrary<BusyLampFieldUser> = fc.record(
  { userId: token, firstName: token, lastName: token, number: token.map((s) => s.slice(0, 23)).filter((s) => s.trim() === s), extension: token.map((s) => s.slice(0, 20)).filter((s) => s.length >= 2 && s.trim() === s) },
  { requiredKeys: ['userId'] },
);
const BW = 'http://schema.broadsoft.com/xsi';

describe('BusyLampField codec (XSI Services/XSIBusyLampField.xsd)', () => {
  test.prop([fc.array(user, { maxLength: 6 }), fc.option(token, { nil: undefined })], { numRuns: 100 })('decodes what it encodes, in order', (users, listURI) => {
    const blf = { ...(listURI !== undefined ? { listURI } : {}), users };
    const xml = encodeBusyLampField(blf);
    expect(xml.ok).toBe(true);
    expect(xml.ok && decodeBusyLampField(xml.value)).toEqual({ ok: true, value: blf });
  });

  it('writes listURI, then monitoredUserList with one userDetails per user; an empty list is left out', () => {
    expect(encodeBusyLampField({ listURI: 'sip:blf@lab.test', users: [{ userId: 'bob@lab.test', lastName: 'B' }] })).toEqual({
      ok: true,
      value: `<BusyLampField xmlns="${BW}"><listURI>sip:blf@lab.test</listURI><monitoredUserList><userDetails><userId>bob@lab.test</userId><lastName>B</lastName></userDetails></monitoredUserList></BusyLampField>`,
    });
    expect(encodeBusyLampField({ users: [] })).toEqual({ ok: true, value: `<BusyLampField xmlns="${BW}"/>` });
  });

  it('reads a server document: user ids collapsed, elements it does not show read past, no list = no users', () => {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><BusyLampField xmlns="${BW}"><listURI>sip:blf@lab.test</listURI><monitoredUserList>` +
      '<userDetails><userId>bob@lab.test</userId><lastName>B</lastName><additionalDetails><title>Boss</title></additionalDetails></userDetails>' +
      '<userDetails><userId> carol@lab.test </userId><firstName>C</firstName></userDetails></monitoredUserList></BusyLampField>';
    expect(decodeBusyLampField(xml)).toEqual({
      ok: true,
      value: { listURI: 'sip:blf@lab.test', users: [{ userId: 'bob@lab.test', lastName: 'B' }, { userId: 'carol@lab.test', firstName: 'C' }] },
    });
    expect(decodeBusyLampField(`<BusyLampField xmlns="${BW}"/>`)).toEqual({ ok: true, value: { users: [] } });
  });

  it('leaves out a userDetails without its userId (the schema requires it; there is no one to subscribe to)', () => {
    const xml = `<BusyLampField xmlns="${BW}"><monitoredUserList><userDetails><lastName>X</lastName></userDetails><userDetails><userId>d@lab.test</userId></userDetails></monitoredUserList></BusyLampField>`;
    expect(decodeBusyLampField(xml)).toEqual({ ok: true, value: { users: [{ userId: 'd@lab.test' }] } });
  });

  it('refuses a foreign root, a DTD, and an id XML cannot carry, with typed errors', () => {
    expect(decodeBusyLampField('<BusyLampField xmlns="urn:other"/>')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_TYPE' } });
    expect(decodeBusyLampField(`<!DOCTYPE x [<!ENTITY e "x">]><BusyLampField xmlns="${BW}"/>`).ok).toBe(false);
    expect(encodeBusyLampField({ users: [{ userId: 'a\u0001' }] })).toMatchObject({ ok: false, error: { code: 'INVALID_FIELD' } });
    expect(encodeBusyLampField({ users: [{ userId: ' a' }] })).toMatchObject({ ok: false, error: { code: 'INVALID_FIELD' } });
  });
});

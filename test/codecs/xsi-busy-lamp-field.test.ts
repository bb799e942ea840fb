import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decodeBusyLampField, encodeBusyLampField } from '../../src/codecs/xsi/busy-lamp-field.ts';

const userId = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && !/[\x00-\x1f\ud800-\udfff\ufffe\uffff]/.test(s));

describe('BusyLampField codec (cti-xsi.md §3.5)', () => {
  test.prop([fc.array(userId, { maxLength: 6 })], { numRuns: 100 })('decodes what it encodes, in order', (users) => {
    const xml = encodeBusyLampField({ users });
    expect(xml.ok).toBe(true);
    expect(xml.ok && decodeBusyLampField(xml.value)).toEqual({ ok: true, value: { users } });
  });

  it('reads the user ids of a server document and ignores the other userDetails children', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><BusyLampField xmlns="http://schema.broadsoft.com/xsi"><listURI>sip:blf@lab.test</listURI><users>' +
      '<userDetails><userId>bob@lab.test</userId><lastName>B</lastName></userDetails><userDetails><firstName>C</firstName><userId> carol@lab.test </userId></userDetails></users></BusyLampField>';
    expect(decodeBusyLampField(xml)).toEqual({ ok: true, value: { users: ['bob@lab.test', 'carol@lab.test'] } });
  });

  it('refuses a foreign root, a missing list or id, and an id XML cannot carry, with typed errors', () => {
    expect(decodeBusyLampField('<BusyLampField xmlns="urn:other"><users/></BusyLampField>')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_TYPE' } });
    expect(decodeBusyLampField('<BusyLampField xmlns="http://schema.broadsoft.com/xsi"/>')).toMatchObject({ ok: false, error: { code: 'MISSING_FIELD', detail: { field: 'users' } } });
    expect(decodeBusyLampField('<BusyLampField xmlns="http://schema.broadsoft.com/xsi"><users><userDetails><userId/></userDetails></users></BusyLampField>')).toMatchObject({ ok: false, error: { code: 'MISSING_FIELD', detail: { field: 'userId' } } });
    expect(decodeBusyLampField('<!DOCTYPE x [<!ENTITY e "x">]><BusyLampField xmlns="http://schema.broadsoft.com/xsi"><users/></BusyLampField>').ok).toBe(false);
    expect(encodeBusyLampField({ users: ['a\u0001'] })).toMatchObject({ ok: false, error: { code: 'INVALID_FIELD' } });
    expect(encodeBusyLampField({ users: [' a'] })).toMatchObject({ ok: false, error: { code: 'INVALID_FIELD' } });
  });
});

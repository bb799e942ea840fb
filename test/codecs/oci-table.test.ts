import { describe, expect, it } from 'vitest';
import { child, decodeOciEnvelope, ociTableColumn, ociTableRecords, ociTableXml, parseXml, readOciTable, type XmlElement } from '../../src/codecs/index.ts';

const wire =
  '<?xml version="1.0" encoding="ISO-8859-1"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">s</sessionId>' +
  '<command echo="" xsi:type="UserGetListInGroupResponse" xmlns=""><userTable><colHeading>User Id</colHeading><colHeading>Last Name</colHeading><colHeading>Extension</colHeading>' +
  '<row><col>ann@lab.test</col><col>Doe</col><col>2001</col></row><row><col>bob@lab.test</col><col/><col>2002</col></row></userTable></command></BroadsoftDocument>\n';

describe('OCI tables (oci-p.md §3)', () => {
  it('reads headings and rows, empty cells as <col/>, columns by heading', () => {
    const root = parseXml(wire);
    if (!root.ok) throw root.error;
    const env = decodeOciEnvelope(root.value);
    if (!env.ok) throw env.error;
    const read = readOciTable(child(env.value.commands[0] as XmlElement, 'userTable') as XmlElement);
    if (!read.ok) throw read.error;
    const table = read.value;
    expect(table.headings).toEqual(['User Id', 'Last Name', 'Extension']);
    expect(ociTableColumn(table, 'Extension')).toEqual(['2001', '2002']);
    expect(ociTableColumn(table, 'Nope')).toBeUndefined();
    expect(ociTableRecords(table)[1]).toEqual({ 'User Id': 'bob@lab.test', 'Last Name': '', Extension: '2002' });
    expect(ociTableXml('userTable', table)).toBe(wire.slice(wire.indexOf('<userTable>'), wire.indexOf('</command>')));
  });

  it('refuses a row wider than its headings', () => {
    const root = parseXml('<t><colHeading>A</colHeading><row><col>1</col><col>2</col></row></t>');
    if (!root.ok) throw root.error;
    const read = readOciTable(root.value);
    expect(read.ok ? 'ok' : read.error.code).toBe('INVALID_FIELD');
  });
});

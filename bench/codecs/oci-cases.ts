// OCI cases: a 10 000-row UserGetListInGroupResponse and a mix of small login/profile round-trip messages.
import {
  child, decodeDocument, decodeOciDocument, decodeOciEnvelope, encodeOciDocument, ociTableXml, parseXml, readOciTable,
  type OciCommand, type XmlElement,
} from '../../src/codecs/index.ts';
import type { BenchCase } from './bench-case.ts';
import { rawParse } from './raw-parser.ts';

const HEADINGS = ['User Id', 'Last Name', 'First Name', 'Department', 'Phone Number', 'Phone Number Activated', 'Email Address',
  'Hiragana Last Name', 'Hiragana First Name', 'In Trunk Group', 'Extension', 'Country Code', 'National Prefix'];

function largeTable(rows: number): Uint8Array {
  const table = {
    headings: HEADINGS,
    rows: Array.from({ length: rows }, (_, k) => [
      `user${k}@lab.test`, `Last${k}`, `First${k}`, k % 7 === 0 ? 'Sales (SP1)' : '', `+1-617555${String(k).padStart(4, '0')}`, 'true',
      `user${k}@lab.test`, '', '', 'false', String(2000 + k), '1', '',
    ]),
  };
  const text = '<?xml version="1.0" encoding="ISO-8859-1"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<sessionId xmlns="">bench</sessionId><command echo="" xsi:type="UserGetListInGroupResponse" xmlns="">' + ociTableXml('userTable', table) + '</command></BroadsoftDocument>\n';
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function decodeTable(doc: Uint8Array): unknown {
  const text = decodeDocument(doc);
  if (!text.ok) throw text.error;
  const root = parseXml(text.value.text);
  if (!root.ok) throw root.error;
  const env = decodeOciEnvelope(root.value);
  if (!env.ok) throw env.error;
  const table = readOciTable(child(env.value.commands[0] as XmlElement, 'userTable') as XmlElement);
  if (!table.ok) throw table.error;
  return table.value;
}

const SMALL: OciCommand[][] = [
  [{ type: 'AuthenticationResponse', echo: '', userId: 'ann@lab.test', nonce: '1234567890123', passwordAlgorithm: 'MD5' }],
  [{ type: 'LoginResponse14sp4', echo: '', loginType: 'User', locale: 'en_US', encoding: 'ISO-8859-1', groupId: 'G1', serviceProviderId: 'SP1', isEnterprise: false, passwordExpiresDays: 2147483647, userDomain: 'lab.test' }],
  [
    { type: 'UserGetResponse22', echo: '', serviceProviderId: 'SP1', groupId: 'G1', userId: 'ann@lab.test', lastName: 'Doe', firstName: 'Ann', callingLineIdLastName: 'Doe', callingLineIdFirstName: 'Ann', phoneNumber: '6175551212', extension: '80550', language: 'English', timeZone: 'America/New_York', timeZoneDisplayName: '(GMT-04:00) (US) Eastern Time', defaultAlias: 'ann@lab.test', countryCode: '1', impId: 'ann@im.lab.test' },
    { type: 'UserIntegratedIMPGetResponse21sp1', echo: '', isActive: true, impId: 'ann@im.lab.test' },
  ],
  [{ type: 'SuccessResponse', echo: '' }],
  [{ type: 'ErrorResponse', echo: '', errorType: 'Error', summary: '[Error 4008] User not found: bob@lab.test', summaryEnglish: '[Error 4008] User not found: bob@lab.test' }],
];

function smallDocuments(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, k) => {
    const r = encodeOciDocument({ sessionId: `s-${k}`, commands: SMALL[k % SMALL.length] as OciCommand[] });
    if (!r.ok) throw r.error;
    return r.value;
  });
}

function decodeSmall(doc: Uint8Array): unknown {
  const r = decodeOciDocument(doc);
  if (!r.ok) throw r.error;
  return r.value;
}

export function ociCases(): BenchCase[] {
  return [
    { name: 'OCI UserGetListInGroupResponse, 10 000 rows', bytes: [largeTable(10_000)], decode: decodeTable, rawParse: (d) => rawParse(d, 'ISO-8859-1') },
    { name: 'OCI small round-trip messages (x10 000)', bytes: smallDocuments(10_000), decode: decodeSmall, rawParse: (d) => rawParse(d, 'ISO-8859-1') },
  ];
}

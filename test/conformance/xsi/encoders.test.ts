// Every XSI document our encoders write passes the shape rules restated from the XSI R23 schema —
// a property over generated values: every event type, every body root, the BusyLampField list.
// The values come from generators that keep to what each encoder accepts; the rules do not come
// from the encoders (./xsi-rules.ts restates the schema files).
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { busyLampFieldCodec, encodeBusyLampField, type BusyLampField } from '../../../src/codecs/xsi/busy-lamp-field.ts';
import { encodeXsiChunk } from '../../../src/codecs/xsi/documents.ts';
import { arbitraryFor, xsiDocumentArb } from '../../codecs/xsi-arbitrary.ts';
import { formatFindings, schemaSet } from '../shape/index.ts';
import { xsiSchema } from './xsi-rules.ts';

const rules = schemaSet(xsiSchema);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

const blfArb = (arbitraryFor(busyLampFieldCodec.shape) as fc.Arbitrary<{ listURI?: string; monitoredUserList?: { userDetails: BusyLampField['users'] } }>).map(
  (d): BusyLampField => ({ ...(d.listURI !== undefined ? { listURI: d.listURI } : {}), users: d.monitoredUserList?.userDetails ?? [] }),
);

describe('XSI encoders against the XSI R23 rules', () => {
  test.prop([xsiDocumentArb], { numRuns: 400 })('every event and body our encoder writes conforms', (doc) => {
    const chunk = encodeXsiChunk(doc);
    if (!chunk.ok) throw new Error(`${chunk.error.code}: ${chunk.error.message}`);
    const findings = rules.check(text(chunk.value));
    expect(findings, formatFindings(findings)).toEqual([]);
  });

  test.prop([blfArb], { numRuns: 100 })('every BusyLampField list it writes conforms', (blf) => {
    const xml = encodeBusyLampField(blf);
    if (!xml.ok) throw new Error(`${xml.error.code}: ${xml.error.message}`);
    expect(rules.check(xml.value)).toEqual([]);
  });
});

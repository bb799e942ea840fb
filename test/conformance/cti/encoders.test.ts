// Every CTI/XSP message our encoder writes passes the shape rules restated from XspXMLInterface.xsd,
// the CTI schema and XSI R23 — a property over generated messages of every kind and every CTI
// request element (with its declared parameters and payload). The rules do not come from the
// encoder (./cti-rules.ts restates the schema files).
import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { encodeCtiMessage } from '../../../src/codecs/cti/stream.ts';
import { ctiMessageArb } from '../../codecs/cti-arbitrary.ts';
import { formatFindings } from '../shape/index.ts';
import { ctiSchemaSet as rules } from './cti-rules.ts';

describe('CTI encoder against the XSP/CTI rules', () => {
  test.prop([ctiMessageArb], { numRuns: 400 })('every message it writes conforms', (msg) => {
    const bytes = encodeCtiMessage(msg);
    if (!bytes.ok) throw new Error(`${bytes.error.code}: ${bytes.error.message}`);
    const findings = rules.check(new TextDecoder().decode(bytes.value));
    expect(findings, formatFindings(findings)).toEqual([]);
  });
});

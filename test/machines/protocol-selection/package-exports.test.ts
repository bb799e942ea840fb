import { describe, expect, it } from 'vitest';
import * as root from '../../../src/index.ts';
import * as machines from '../../../src/machines/index.ts';
import { parseRelease, selectProtocols } from '../../../src/machines/protocol-selection/index.ts';

describe('protocol selection in the public API', () => {
  it('is exported from the package root and from ./machines (issue 2)', () => {
    expect(root.selectProtocols).toBe(selectProtocols);
    expect(root.parseRelease).toBe(parseRelease);
    expect(machines.selectProtocols).toBe(selectProtocols);
    expect(machines.parseRelease).toBe(parseRelease);
  });

  it('answers with the contract field names relied on outside the test suite', () => {
    const plan = root.selectProtocols({
      release: '21sp1',
      ociHost: 'oci.example.com',
      branding: { voipServerPort: 2208, useCtiInsteadOfCap: true, cti: { host: 'cti.example.com', port: 8011 } },
    });
    expect(Object.keys(plan).sort()).toEqual(['callControl', 'cti', 'notes', 'oci', 'ok', 'release']);
    expect(plan).toMatchObject({
      ok: true,
      release: { major: 21, sp: 1 },
      callControl: 'CTI',
      oci: { host: 'oci.example.com', port: 2208, tls: null },
      cti: { host: 'cti.example.com', port: 8011, tls: null },
    });
    const failure = root.selectProtocols({ release: '16', ociHost: 'h', branding: { voipServerPort: 2208, useCtiInsteadOfCap: false, cti: { port: 8011 } } });
    expect(Object.keys(failure).sort()).toEqual(['code', 'message', 'ok']);
  });
});

// The four package entry points (package.json "exports") resolve and carry the names the README's
// "Using the library" section documents.
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.ts';
import * as machinesEntry from '../../src/machines/index.ts';
import * as codecs from '../../src/codecs/index.ts';
import * as lab from '../../src/lab/index.ts';

describe('package entry points', () => {
  it('unity-connect exports the client, the shell and the pure selection and replay functions', () => {
    for (const name of ['createUnityClient', 'labClientConfig', 'attachUi', 'eventLogFileSink', 'connectionLogFileSink', 'runDoctor', 'renderConnectionLog', 'selectProtocols', 'parseRelease', 'replay'] as const) {
      expect(typeof root[name], name).toBe('function');
    }
  });

  it('unity-connect/machines exports every statechart by name, the machines themselves and the clocks', () => {
    expect(Object.keys(machinesEntry.machines).sort()).toEqual(['connection', 'startup']);
    expect(machinesEntry.machines.startup).toBe(machinesEntry.startupMachine);
    expect(machinesEntry.machines.connection).toBe(machinesEntry.connectionMachine);
    expect(typeof machinesEntry.VirtualClock).toBe('function');
    expect(typeof machinesEntry.replay).toBe('function');
  });

  it('unity-connect/codecs exports the XML parser and the OCI codec', () => {
    for (const name of ['parseXml', 'encodeOciDocument', 'decodeOciDocument', 'ociSignedPassword'] as const) {
      expect(typeof codecs[name], name).toBe('function');
    }
  });

  it('unity-connect/lab exports startLab and the scenario list the CLI shows', () => {
    expect(typeof lab.startLab).toBe('function');
    const names = lab.listScenarios().map((s) => s.name);
    expect(names).toContain('r22-cti');
    expect(names).toContain('oci-tls-only-plain');
  });
});

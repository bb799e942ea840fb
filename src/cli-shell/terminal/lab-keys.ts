// The demo's lab keys: drop a server's connections (lab fault drop-all, issue 4 "Faults") to
// watch the client notice and reconnect after 15 s (seed §1). Lab only: a real session has none.
import type { Lab } from '../../lab/index.ts';
import type { KeyBinding } from './key-bindings.ts';

const SERVERS = [
  { key: 'd', service: 'cti', label: 'drop CTI (lab)', what: 'the CTI server', connections: ['cti'] },
  { key: 'o', service: 'oci', label: 'drop OCI (lab)', what: 'the OCI server (and CAP on it)', connections: ['oci', 'cap'] },
  { key: 'i', service: 'imp', label: 'drop IM&P (lab)', what: 'the Kakapo IM&P server', connections: ['imp'] },
] as const;

export function labKeyBindings(lab: Pick<Lab, 'services' | 'fault'>): KeyBinding[] {
  const runs = (service: string): boolean =>
    Object.entries(lab.services).some(([key, s]) => (key === service || key === `${service}-tls`) && s.listening);
  return SERVERS.filter((s) => runs(s.service)).map((s) => ({
    key: s.key,
    label: s.label,
    connections: s.connections,
    run: async () => {
      await lab.fault(s.service, { type: 'drop-all' });
      return `${s.what} dropped every connection (lab fault drop-all); the client reconnects after 15 s.`;
    },
  }));
}

// Example inputs used only to print the value of delays computed from a machine's context, e.g.
// `after reconnectDelay (15000ms)`. A value with no project-wide default is left out (NaN), so its
// delay is shown by name only rather than with an invented number.
import type { ConnectionInput } from '../connection/contract.ts';

const connection: ConnectionInput = {
  name: 'oci',
  endpoint: { host: 'oci.example.com', port: 2208, tls: null },
  keepaliveMs: 300_000, // protocols/kakapo.md: branding keepaliveSeconds, default 300 (seed §4.1: every five minutes)
  keepaliveTimeoutMs: Number.NaN, // no default: the runtime chooses it
  // reconnectDelayMs left out: the machine's default, 15 s (seed §1)
};

export const diagramInputs: Record<string, unknown> = { connection };

import type { LabFault } from './faults.ts';

/** What every lab server exposes (issue 4, interface). */
export interface LabServer {
  /** Service name, e.g. `oci`, `cti`. */
  readonly name: string;
  /** The FQDN clients use for it (resolved to 127.0.0.1 through the lab host map). */
  readonly host: string;
  readonly endpoints: { plain?: { port: number }; tls?: { port: number } };
  fault(fault: LabFault): void | Promise<void>;
  stop(): Promise<void>;
}

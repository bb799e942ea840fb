// The LAST line of a `--json` session (issue 5 "The command"): the outcome, the reason a person
// reads, the release, CAP or CTI, and every connection with the FQDN, port and negotiated TLS.
import type { ClientSnapshot } from '../../client/index.ts';

export interface ResultLine {
  type: 'result';
  outcome: 'ready' | 'stopped';
  reason: string | null;
  release: string | null;
  callControl: 'CAP' | 'CTI' | null;
  connections: Record<string, { state: string; host: string; port: number; tls: string | null }>;
}

export function resultLine(snapshot: ClientSnapshot): ResultLine {
  const connections: ResultLine['connections'] = {};
  for (const [name, c] of Object.entries(snapshot.connections)) {
    if (c !== undefined) connections[name] = { state: c.state, host: c.host, port: c.port, tls: c.tls };
  }
  return {
    type: 'result',
    outcome: snapshot.outcome === 'ready' ? 'ready' : 'stopped',
    reason: snapshot.stop?.reason ?? (snapshot.outcome === 'starting' ? 'Start-up did not finish.' : null),
    release: snapshot.release,
    callControl: snapshot.callControl,
    connections,
  };
}

// The LAST line of a `--json` session (issue 5 "The command"): the outcome, the reason a person
// reads and beside it a stable code a script can branch on, the release, CAP or CTI, and every
// connection with the FQDN, port and negotiated TLS.
import type { ClientSnapshot, StopCode } from '../../client/index.ts';

export interface ResultLine {
  type: 'result';
  outcome: 'ready' | 'stopped';
  reason: string | null;
  /**
   * Why it stopped, as the start-up machine's stop code (`ctiUnreachable`, `closed` for a user's
   * close, …; `unfinished` when it ended before start-up did); null when ready. Stable: the reason's
   * wording may change, the code does not.
   */
  code: StopCode | 'unfinished' | null;
  release: string | null;
  callControl: 'CAP' | 'CTI' | null;
  connections: Record<string, { state: string; host: string; port: number; tls: string | null }>;
}

/**
 * @example
 * io.stdout(`${JSON.stringify(resultLine(client.snapshot))}\n`); // {"type":"result","outcome":"stopped","reason":"…","code":"ctiUnreachable",…}
 */
export function resultLine(snapshot: ClientSnapshot): ResultLine {
  const connections: ResultLine['connections'] = {};
  for (const [name, c] of Object.entries(snapshot.connections)) {
    if (c !== undefined) connections[name] = { state: c.state, host: c.host, port: c.port, tls: c.tls };
  }
  return {
    type: 'result',
    outcome: snapshot.outcome === 'ready' ? 'ready' : 'stopped',
    reason: snapshot.stop?.reason ?? (snapshot.outcome === 'starting' ? 'Start-up did not finish.' : null),
    code: snapshot.stop?.code ?? (snapshot.outcome === 'starting' ? 'unfinished' : null),
    release: snapshot.release,
    callControl: snapshot.callControl,
    connections,
  };
}

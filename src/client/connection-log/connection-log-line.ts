// One line of ConnectionLog.txt (seed §5.1): time, connection, host:port, TLS, what happened.
export type LoggedConnection = 'portal' | 'oci' | 'cap' | 'cti' | 'imp' | 'xmpp';

export interface ConnectionLogLine {
  /** Clock time of the log entry (ms). */
  t: number;
  connection: LoggedConnection;
  /** host:port, or '-' when the log does not carry it (the portal's URL is not logged). */
  target: string;
  /** The negotiated TLS version, or 'plain' while the connection is not secured. */
  tls: string;
  text: string;
}

export interface FormatOptions {
  /** Wall time of the first log entry: lines show ISO times. Without it: `+12.345s` from the start. */
  startedAt?: number | Date;
}

function timeOf(t: number, t0: number, options: FormatOptions): string {
  if (options.startedAt !== undefined) {
    const start = options.startedAt instanceof Date ? options.startedAt.getTime() : options.startedAt;
    return new Date(start + (t - t0)).toISOString();
  }
  return `+${((t - t0) / 1000).toFixed(3)}s`;
}

/** Aligned columns; the widths come from the lines themselves, so the output is deterministic. */
export function formatLines(lines: readonly ConnectionLogLine[], t0: number, options: FormatOptions): string[] {
  const times = lines.map((l) => timeOf(l.t, t0, options));
  const w = {
    time: Math.max(0, ...times.map((s) => s.length)),
    connection: Math.max(0, ...lines.map((l) => l.connection.length)),
    target: Math.max(0, ...lines.map((l) => l.target.length)),
    tls: Math.max(0, ...lines.map((l) => l.tls.length)),
  };
  return lines.map((l, i) =>
    [times[i]!.padEnd(w.time), l.connection.padEnd(w.connection), l.target.padEnd(w.target), l.tls.padEnd(w.tls), l.text].join('  '),
  );
}

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
  /**
   * Least column widths. A log written as it goes cannot measure lines yet to come: it gives
   * widths that fit the usual lines (a longer value pushes its line's later columns right).
   */
  minWidths?: { time?: number; connection?: number; target?: number; tls?: number };
}

/** Widths for a connection log written line by line: ISO time, `portal`, a host:port, `TLSv1.2`. */
export const STREAMED_WIDTHS = { time: 24, connection: 6, target: 28, tls: 7 } as const;

function timeOf(t: number, t0: number, options: FormatOptions): string {
  if (options.startedAt !== undefined) {
    const start = options.startedAt instanceof Date ? options.startedAt.getTime() : options.startedAt;
    return new Date(start + (t - t0)).toISOString();
  }
  return `+${((t - t0) / 1000).toFixed(3)}s`;
}

/**
 * Aligned columns; the widths come from the lines themselves (and `minWidths`), so the output is
 * deterministic.
 *
 * @example
 * formatLines([{ t: 0, connection: 'oci', target: 'ocs.example.com:2208', tls: 'plain', text: 'online' }], 0, {}); // ['+0.000s  oci  ocs.example.com:2208  plain  online']
 */
export function formatLines(lines: readonly ConnectionLogLine[], t0: number, options: FormatOptions): string[] {
  const times = lines.map((l) => timeOf(l.t, t0, options));
  const min = options.minWidths ?? {};
  const w = {
    time: Math.max(min.time ?? 0, ...times.map((s) => s.length)),
    connection: Math.max(min.connection ?? 0, ...lines.map((l) => l.connection.length)),
    target: Math.max(min.target ?? 0, ...lines.map((l) => l.target.length)),
    tls: Math.max(min.tls ?? 0, ...lines.map((l) => l.tls.length)),
  };
  return lines.map((l, i) =>
    [times[i]!.padEnd(w.time), l.connection.padEnd(w.connection), l.target.padEnd(w.target), l.tls.padEnd(w.tls), l.text].join('  '),
  );
}

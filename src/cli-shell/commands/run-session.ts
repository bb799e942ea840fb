// Runs one client session for the `demo` and `connect` commands: shows each start-up step as it
// happens (plain lines, or JSON Lines with --json), then the live state of every connection;
// Ctrl-C (SIGINT/SIGTERM) is a user close: everything closes politely, nothing reconnects.
// With --json the last line is always the result line (result-line.ts).
import { distinctUntilChanged, map, type Subscription } from 'rxjs';
import type { UnityClient, ClientSnapshot } from '../../client/index.ts';
import type { CliIo } from '../cli-io.ts';
import { resultLine } from './result-line.ts';
import { connectionsLine, outcomeLine, stepLines } from './step-lines.ts';

export interface SessionOptions {
  json: boolean;
  exitWhenReady: boolean;
  /** Resolves when the user asks to quit; default SIGINT/SIGTERM. */
  quit?: Promise<unknown>;
}

function signalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

export async function runSession(client: UnityClient, io: CliIo, options: SessionOptions): Promise<number> {
  const code = await runSessionSteps(client, io, options);
  // stderr, so that the last stdout line stays the result line.
  if (client.log.error !== null) io.stderr(`unity-connect: ${client.log.error}\n`);
  return code;
}

async function runSessionSteps(client: UnityClient, io: CliIo, options: SessionOptions): Promise<number> {
  const out = (line: string): void => io.stdout(`${line}\n`);
  const subscriptions: Subscription[] = [];
  subscriptions.push(
    client.events$.subscribe((entry) => {
      if (options.json) {
        out(JSON.stringify({ type: 'event', seq: entry.seq, t: entry.t, source: entry.source, target: entry.target, event: entry.event, states: entry.states }));
      } else {
        for (const line of stepLines(entry)) out(line);
      }
    }),
  );
  const detach = (): void => {
    for (const s of subscriptions) s.unsubscribe();
  };
  const quit = options.quit ?? signalled();

  const started = await Promise.race([client.start(), quit.then(() => null)]);
  if (started === null || started.outcome === 'stopped') {
    detach();
    await client.stop();
    const final = finalSnapshot(client, started);
    out(options.json ? JSON.stringify(resultLine(final)) : outcomeLine(final));
    return started === null ? 130 : 1;
  }

  if (options.exitWhenReady) {
    detach();
    const result = resultLine(started);
    if (!options.json) {
      out(outcomeLine(started));
      out(connectionsLine(started));
    }
    await client.stop();
    if (options.json) out(JSON.stringify(result));
    return 0;
  }

  if (!options.json) {
    out(outcomeLine(started));
    out('Ctrl-C closes every connection.');
    subscriptions.push(
      client.snapshot$
        .pipe(
          map((s) => connectionsLine(s)),
          distinctUntilChanged(),
        )
        .subscribe(out),
    );
  }
  await quit;
  detach();
  await client.stop();
  const final = finalSnapshot(client, started);
  out(options.json ? JSON.stringify(resultLine(final)) : outcomeLine(final));
  return 0;
}

function finalSnapshot(client: UnityClient, fallback: ClientSnapshot | null): ClientSnapshot {
  return client.log.entries.length > 0 ? client.snapshot : (fallback ?? client.snapshot);
}

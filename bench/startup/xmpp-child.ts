// The measuring side of the XMPP comparison, run as a child process started with
// NODE_EXTRA_CA_CERTS=<lab CA>: xmpp.js has no option for a trusted CA (protocols/xmpp.md).
// Input in XMPP_BENCH_INPUT (JSON); prints one JSON line with both clients' samples.
import { oursOnline, xmppJsOnline, type XmppTarget } from './xmpp-online.ts';

export interface XmppChildInput extends XmppTarget {
  rounds: number;
  /** Accounts: `${prefix}w0`, `${prefix}w1` for warm-up, then `${prefix}u<round>`. */
  prefix: string;
}

export interface XmppChildOutput {
  ours: number[];
  xmppjs: number[];
  /** What our STARTTLS negotiated. */
  tls: string | null;
}

async function main(input: XmppChildInput): Promise<void> {
  const ours: number[] = [];
  const xmppjs: number[] = [];
  let tls: string | null = null;
  const timeOurs = async (user: string): Promise<void> => {
    const run = await oursOnline(input, user);
    ours.push(run.ms);
    tls = run.tls;
  };
  // One warm-up each (module loading, TLS context, JIT), then alternate which goes first.
  await oursOnline(input, `${input.prefix}w0`);
  await xmppJsOnline(input, `${input.prefix}w1`);
  for (let round = 0; round < input.rounds; round++) {
    const user = `${input.prefix}u${round}`;
    if (round % 2 === 0) {
      await timeOurs(user);
      xmppjs.push(await xmppJsOnline(input, user));
    } else {
      xmppjs.push(await xmppJsOnline(input, user));
      await timeOurs(user);
    }
  }
  const output: XmppChildOutput = { ours, xmppjs, tls };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

await main(JSON.parse(process.env['XMPP_BENCH_INPUT'] ?? '{}') as XmppChildInput);

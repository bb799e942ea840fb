// A request left unanswered on a CTI link (issue 10 item 4): in silence it is reported 'unanswered'
// (the connection machine then takes the link for dead); while other documents keep arriving it is
// a slow server, not a dead link, and is only the request's own timeout. The keepalive is never
// reported (its timing is the machine's). Scripted loopback servers, a virtual scheduler.
import { createServer, type Server, type Socket } from 'node:net';
import { firstValueFrom, VirtualTimeScheduler } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCtiLink, type CtiLinkEvent } from '../../../src/adapters/cti/cti-link.ts';
import { connectTcp, createHostMapResolver } from '../../../src/effects/index.ts';

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function linkTo(onData: (socket: Socket) => void) {
  const sockets: Socket[] = [];
  server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => undefined);
    s.on('data', () => onData(s));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const socket = await firstValueFrom(connectTcp({ host: '127.0.0.1', port, resolver: createHostMapResolver({}), timeoutMs: 5_000 }));
  const scheduler = new VirtualTimeScheduler();
  let n = 0;
  const link = createCtiLink({ socket, credentials: () => ({ userId: 'ann@lab.test', password: 'x' }), ids: () => `id-${++n}`, channelSetId: 'set', applicationId: 'app', requestTimeoutMs: 30_000, scheduler });
  const events: CtiLinkEvent[] = [];
  link.events$.subscribe((e) => events.push(e));
  return { link, scheduler, events, sockets };
}

const xsp = 'xmlns:xsp="http://schema.broadsoft.com/XspXMLInterface"';
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('CTI link: an unanswered request', () => {
  it('in silence: reported unanswered once the request times out', async () => {
    const { link, scheduler, events } = await linkTo(() => undefined);
    const dialled = link.dial('2002');
    await settle(); // the request is written
    scheduler.maxFrames = 30_000;
    scheduler.flush();
    expect(await dialled).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(events).toContainEqual({ type: 'unanswered', what: 'the CTI DialRequest', timeoutMs: 30_000 });
    link.close();
  });

  it('while the server keeps talking: the request times out, but the link is not judged dead', async () => {
    const { link, scheduler, events, sockets } = await linkTo((s) => s.write(`<xsp:keepalive ${xsp}><requestId>9</requestId><period>1</period></xsp:keepalive>\n`));
    const dialled = link.dial('2002');
    await settle(); // written, and the server sent a document after it
    expect(sockets).toHaveLength(1);
    scheduler.maxFrames = 30_000;
    scheduler.flush();
    expect(await dialled).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(events.some((e) => e.type === 'unanswered')).toBe(false);
    link.close();
  });

  it('an unanswered keepalive is left to the connection machine', async () => {
    const { link, scheduler, events } = await linkTo(() => undefined);
    const kept = link.keepalive(1);
    await settle();
    scheduler.maxFrames = 30_000;
    scheduler.flush();
    expect((await kept).ok).toBe(false);
    expect(events.some((e) => e.type === 'unanswered')).toBe(false);
    link.close();
  });
});

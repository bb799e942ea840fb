// The per-round-trip latency the bound multiplies, measured in the same run through the same kind
// of proxy: a 1-byte echo over an established connection (the handshake is excluded), median of
// `samples`. It includes whatever the timers and loopback add on top of 2 × the one-way delay.
import { connect, createServer, type Socket } from 'node:net';
import { startDelayProxy } from './delay-proxy.ts';
import { median } from './stats.ts';

function echoOnce(socket: Socket): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    socket.once('data', () => resolve(performance.now() - started));
    socket.write('x');
  });
}

export async function measureRoundTripMs(oneWayDelayMs: number, samples = 25): Promise<number> {
  const echo = createServer({ noDelay: true }, (s) => s.pipe(s));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const address = echo.address();
  if (address === null || typeof address === 'string') throw new Error('the echo server has no TCP address');
  const proxy = await startDelayProxy({ target: { host: '127.0.0.1', port: address.port }, oneWayDelayMs });
  const socket = connect({ host: proxy.host, port: proxy.port, noDelay: true });
  try {
    await echoOnce(socket); // carries the emulated handshake: not a sample
    const times: number[] = [];
    for (let i = 0; i < samples; i++) times.push(await echoOnce(socket));
    return median(times);
  } finally {
    socket.destroy();
    await proxy.close();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  }
}

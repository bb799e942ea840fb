// The embedder's API (issue 11 item 6), as users of xmpp.js and MQTT.js expect: start({ signal })
// with an AbortSignal, `await using` (Symbol.asyncDispose), typed stop codes beside the text, and
// commands routed by the machines' state with each command and its result in the log.
import { afterEach, describe, expect, it } from 'vitest';
import { createUnityClient, labClientConfig, type UnityClient } from 'unity-connect';
import { startLab, type Lab } from 'unity-connect/lab';

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.stop();
  lab = null;
});

const closedByUser = (client: UnityClient) => ({ outcome: client.snapshot.outcome, code: client.snapshot.stop?.code });

describe('start({ signal }) and Symbol.asyncDispose', () => {
  it('an aborted signal: start() rejects with its reason and nothing starts', async () => {
    lab = await startLab({ scenario: 'r22-cti' });
    const client = createUnityClient(labClientConfig(lab));
    const reason = new Error('the user gave up');
    await expect(client.start({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(client.log.entries).toHaveLength(0);
    await client.stop();
  });

  it('aborted during start-up: start() rejects, the session is closed by the user', async () => {
    lab = await startLab({ scenario: 'r22-cti' });
    await lab.fault('cti', 'delay:2000'); // start-up waits at CTI's login
    const client = createUnityClient(labClientConfig(lab));
    const abort = new AbortController();
    const started = client.start({ signal: abort.signal });
    await new Promise<void>((resolve) => client.snapshot$.subscribe((s) => s.step === 'cti' && resolve()));
    abort.abort();
    await expect(started).rejects.toMatchObject({ name: 'AbortError' });
    await client.stop();
    expect(closedByUser(client)).toEqual({ outcome: 'stopped', code: 'closed' });
  });

  it('aborted once ready: the session stops (every connection closed, none reconnects)', async () => {
    lab = await startLab({ scenario: 'r22-cti' });
    const client = createUnityClient(labClientConfig(lab));
    const abort = new AbortController();
    expect((await client.start({ signal: abort.signal })).outcome).toBe('ready');
    abort.abort();
    await expect.poll(() => client.snapshot.outcome, { timeout: 10_000 }).toBe('stopped');
    expect(client.snapshot.stop).toEqual({ code: 'closed', reason: 'Closed by the user.' });
    expect(Object.values(client.snapshot.connections).map((c) => c.state)).toEqual(['closed', 'closed', 'closed']);
  });

  it('await using: the session is stopped when the block ends', async () => {
    lab = await startLab({ scenario: 'r22-cti' });
    let kept: UnityClient;
    {
      await using client = createUnityClient(labClientConfig(lab));
      kept = client;
      expect((await client.start()).outcome).toBe('ready');
    }
    expect(closedByUser(kept)).toEqual({ outcome: 'stopped', code: 'closed' });
    expect(typeof kept[Symbol.asyncDispose]).toBe('function');
  });
});

describe('send(): routed by the machines, logged with its result', () => {
  it('before start-up chose call control a dial is not-connected; once ready it goes over CTI; both are logged', async () => {
    lab = await startLab({ scenario: 'r22-cti' });
    const client = createUnityClient(labClientConfig(lab));
    expect(await client.send({ type: 'dial', number: '2002' })).toEqual({ ok: false, code: 'not-connected', message: 'the session is not running' });
    const starting = client.start();
    const early = await client.send({ type: 'dial', number: '2002' });
    expect(early).toMatchObject({ ok: false, code: 'not-connected' });
    await starting;
    const dialled = await client.send({ type: 'dial', number: '2002' });
    expect(dialled).toMatchObject({ ok: true, value: { callId: expect.any(String) } });
    const results = client.log.entries.filter((e) => e.event.type === 'COMMAND.RESULT').map((e) => e.event);
    expect(results).toEqual([
      expect.objectContaining({ command: 'dial', ok: false, code: 'not-connected' }),
      expect.objectContaining({ command: 'dial', ok: true }),
    ]);
    const commands = client.log.entries.filter((e) => e.event.type === 'USER.COMMAND');
    expect(commands.map((e) => e.source)).toEqual(['user', 'user']);
    // The dialled number entered the log only concealed.
    expect(commands[0]!.event['number']).toEqual({ digest: expect.stringMatching(/^[0-9a-f]{16}$/), length: 4 });
    expect(client.snapshot.domain.commands.recent.map((c) => c.ok)).toEqual([false, true]);
    await client.stop();
  });
});

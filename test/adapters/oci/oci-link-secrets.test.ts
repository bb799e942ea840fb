// A server that quotes the password back (a real OCS might, in a summary or detail) never gets it
// into an outcome: the link scrubs it. Scripted in-memory socket, so the reply is exactly chosen.
import { describe, expect, it } from 'vitest';
import { Subject } from 'rxjs';
import type { ByteSocket } from '../../../src/effects/index.ts';
import { openBroadsoftStream } from '../../../src/adapters/oci/broadsoft-stream.ts';
import { createOciLink } from '../../../src/adapters/oci/oci-link.ts';

function scripted() {
  const data = new Subject<Uint8Array>();
  const written: string[] = [];
  const socket: ByteSocket = {
    data$: data.asObservable(),
    write: (b) => void written.push(typeof b === 'string' ? b : Buffer.from(b).toString('latin1')),
    end: () => data.complete(),
    destroy: () => data.complete(),
    info: { host: 'ocs.lab.test', address: '127.0.0.1', port: 2208, tls: null },
  };
  const reply = (commands: string) =>
    data.next(
      new TextEncoder().encode(
        `<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">s</sessionId>${commands}</BroadsoftDocument>\n`,
      ),
    );
  return { socket, written, reply };
}

describe('OCI link: secrets', () => {
  it('scrubs a password the server echoes in an ErrorResponse summary', async () => {
    const password = 'Pa55-Echoed-Back';
    const s = scripted();
    const oci = createOciLink({ stream: openBroadsoftStream(s.socket), ids: () => 's' });
    const login = oci.login({ userId: 'ann@lab.test', password });
    s.reply('<command echo="" xsi:type="AuthenticationResponse" xmlns=""><userId>ann@lab.test</userId><nonce>1234567890123</nonce><passwordAlgorithm>MD5</passwordAlgorithm></command>');
    await new Promise((r) => setImmediate(r));
    expect(s.written.join('')).toContain('<signedPassword>');
    s.reply(`<command type="Error" echo="" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns=""><summary>[Error 4962] Invalid password ${password}</summary><summaryEnglish>[Error 4962] Invalid password ${password}</summaryEnglish></command>`);
    const result = await login;
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(password);
    expect(!result.ok && result.error.message).toContain('[Error 4962] Invalid password ***');
    expect(s.written.join('')).not.toContain(password);
  });

  it('signs with the oci-p.md §5.1 recipe (test vector)', async () => {
    const s = scripted();
    const oci = createOciLink({ stream: openBroadsoftStream(s.socket), ids: () => 's' });
    void oci.login({ userId: 'ann@lab.test', password: 'password' });
    s.reply('<command echo="" xsi:type="AuthenticationResponse" xmlns=""><userId>ann@lab.test</userId><nonce>1234567890123</nonce><passwordAlgorithm>MD5</passwordAlgorithm></command>');
    await new Promise((r) => setImmediate(r));
    expect(s.written.join('')).toContain('<signedPassword>77e4a6de3a1e00be05e121cf0ebee860</signedPassword>');
    oci.close();
  });
});

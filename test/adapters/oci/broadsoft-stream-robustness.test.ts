// Whatever bytes the server sends, the shared reader and both links turn them into typed events:
// nothing throws, pending requests always settle, the stream always ends once.
import { describe, expect } from 'vitest';
import { it as fcIt, fc } from '@fast-check/vitest';
import { Subject } from 'rxjs';
import type { ByteSocket } from '../../../src/effects/index.ts';
import { openBroadsoftStream } from '../../../src/adapters/oci/broadsoft-stream.ts';
import { createOciLink, type OciLinkEvent } from '../../../src/adapters/oci/oci-link.ts';
import { createCapLink, type CapLinkUpdate } from '../../../src/adapters/cap/cap-link.ts';

/** An in-memory ByteSocket whose inbound bytes the test scripts. */
function scriptedSocket() {
  const data = new Subject<Uint8Array>();
  const socket: ByteSocket = {
    data$: data.asObservable(),
    write: () => undefined,
    end: () => data.complete(),
    destroy: () => data.complete(),
    info: { host: 'ocs.lab.test', address: '127.0.0.1', port: 2208, tls: null },
  };
  return { socket, data };
}

const OCI_ANSWER =
  '<?xml version="1.0" encoding="ISO-8859-1"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">s-1</sessionId><command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/></BroadsoftDocument>\n';
const CAP_UPDATE =
  '<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="CAP" version="14.0"><command commandType="callUpdate"><commandData><user userType="CallClient" userUid="1" id="a@b"><call callId="c1" extTrackingId="1:1"><state>1</state></call></user></commandData></command></BroadsoftDocument>\n';

// Pieces a hostile or broken server might send, glued in any order and cut anywhere.
const piece = fc.oneof(
  fc.constant(OCI_ANSWER),
  fc.constant(CAP_UPDATE),
  fc.constant('<?xml version="1.0"?><BroadsoftDocument protocol="OCI"><command></BroadsoftDocument>'),
  fc.constant('<BroadsoftDocument protocol="CAP"><command commandType="nope"/></BroadsoftDocument>'),
  fc.constant('<!DOCTYPE x [<!ENTITY a "b">]><BroadsoftDocument protocol="OCI">&a;</BroadsoftDocument>'),
  fc.constant('\u00ff\u0000</BroadsoftDocument>'),
  fc.string({ maxLength: 40 }),
);

describe('shared OCS reader robustness', () => {
  fcIt.prop([fc.array(piece, { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 })], { numRuns: 150 })(
    'any server byte stream yields typed events only, and every pending request settles',
    async (pieces, cuts) => {
      const { socket, data } = scriptedSocket();
      const stream = openBroadsoftStream(socket);
      const oci = createOciLink({ stream, ids: () => 's-1' });
      const cap = createCapLink({ stream, applicationId: 'prop' });
      const ociEvents: OciLinkEvent[] = [];
      const capUpdates: CapLinkUpdate[] = [];
      oci.events$.subscribe((e) => ociEvents.push(e));
      cap.updates$.subscribe((u) => capUpdates.push(u));
      const pending = [oci.keepalive(), oci.keepalive()];

      const bytes = new TextEncoder().encode(pieces.join(''));
      let at = 0;
      for (let k = 0; at < bytes.length; k++) {
        const n = cuts[k % cuts.length]!;
        data.next(bytes.subarray(at, at + n));
        at += n;
      }
      data.complete();

      const outcomes = await Promise.all(pending);
      for (const o of outcomes) expect(o.ok || ['closed', 'protocol', 'server-error'].includes(o.error.kind)).toBe(true);
      for (const e of ociEvents) expect(['session-ended', 'dropped', 'protocol-error']).toContain(e.type);
      expect(ociEvents.filter((e) => e.type === 'dropped')).toHaveLength(1);
      for (const u of capUpdates) expect(['callUpdate', 'sessionUpdate', 'profileUpdate', 'unRegister', 'protocol-error', 'dropped']).toContain(u.type);
      expect(stream.ended).not.toBeNull();
    },
  );
});

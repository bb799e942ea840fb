// A real lab CTI server (plain + TLS with a lab-PKI certificate for cti.lab.test) on loopback, with
// the lab's people and call center, and client connections opened through the project's effects.
import { firstValueFrom } from 'rxjs';
import { connectTcp, createHostMapResolver, upgradeTls, type ByteSocket } from '../../../../src/effects/index.ts';
import { startCtiServer, type CtiServer } from '../../../../src/lab/cti-server/index.ts';
import { LAB_HOSTS, labHostMap } from '../../../../src/lab/net/hosts.ts';
import { LAB_CALL_CENTER } from '../../../../src/lab/scenarios/index.ts';
import type { LabTelephony } from '../../../../src/lab/telephony/index.ts';
import { createLabFixture } from '../../../support/lab-fixture.ts';

export const ANN = 'ann@lab.test';
export const BOB = 'bob@lab.test';
export const CY = 'cy@lab.test';
export const SALES = LAB_CALL_CENTER.id;
export const PASSWORDS: Record<string, string> = { [ANN]: 'Ann-Secret-7431', [BOB]: 'Bob-Secret-2290', [CY]: 'Cy-Secret-5512', 'dora@lab.test': 'Dora-Secret-1' };

export interface CtiLab {
  server: CtiServer;
  telephony: LabTelephony;
  caCertPem: string;
  stop(): Promise<void>;
}

export async function startCtiLab(): Promise<CtiLab> {
  const { telephony, cert, caCertPem } = await createLabFixture('cti-link-test', LAB_HOSTS.cti);
  const server = await startCtiServer({ host: LAB_HOSTS.cti, plain: true, tls: { certPem: cert.certPem, keyPem: cert.keyPem }, telephony, passwords: PASSWORDS });
  return { server, telephony, caCertPem, stop: () => server.stop() };
}

/** A ByteSocket that also records every byte the client wrote. */
export interface RecordedSocket {
  socket: ByteSocket;
  written(): string;
}

export async function openCti(lab: CtiLab, options: { tls?: boolean } = {}): Promise<RecordedSocket> {
  const resolver = createHostMapResolver(labHostMap());
  const port = options.tls ? lab.server.endpoints.tls!.port : lab.server.endpoints.plain!.port;
  let socket = await firstValueFrom(connectTcp({ host: LAB_HOSTS.cti, port, resolver, timeoutMs: 5_000 }));
  if (options.tls) socket = await firstValueFrom(upgradeTls(socket, { servername: LAB_HOSTS.cti, ca: [lab.caCertPem], timeoutMs: 5_000 }));
  const sink: string[] = [];
  const inner = socket;
  return {
    socket: {
      data$: inner.data$,
      info: inner.info,
      write(data) {
        sink.push(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
        inner.write(data);
      },
      end: () => inner.end(),
      destroy: () => inner.destroy(),
    },
    written: () => sink.join(''),
  };
}

export function sequentialIds(prefix = 'uc-cti'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

// Raw access to a lab at reception scale, with no project client code: the XSI BusyLampField
// document as the lab wrote it, and a CAP session registered as the lab's first user that asks to
// monitor a list of users (cap.md §3 and §9).
import * as net from 'node:net';
import { expect } from 'vitest';
import type { Lab, LabUser } from '../../../src/lab/index.ts';
import { rawHttps } from '../portal-https-client.ts';
import { signed } from './ocs-fixture.ts';
import { capRequest, rawClient, type RawClient } from './raw-client.ts';

/** GET services/BusyLampField for `me` over XSI: the body as the lab wrote it (status 200 asserted). */
export async function busyLampFieldXml(lab: Lab, me: LabUser): Promise<string> {
  const res = await rawHttps(lab.services['xsi']!.port, lab.caCertPem, 'xsp.lab.test', {
    method: 'GET',
    path: `/com.broadsoft.xsi-actions/v2.0/user/${me.loginId}/services/BusyLampField`,
    headers: { authorization: `Basic ${Buffer.from(`${me.loginId}:${me.password}`).toString('base64')}` },
  });
  expect(res.status).toBe(200);
  return Buffer.from(res.body).toString('utf8');
}

/**
 * A CAP session of the lab's first user over the OCI port: registered, then one
 * monitoringUsersRequest for `users`; the answer, and the session for what follows it. The socket
 * goes into `sockets` for the caller to destroy.
 */
export async function capMonitor(lab: Lab, users: readonly string[], sockets: net.Socket[]): Promise<{ cap: RawClient; response: string }> {
  const me = lab.users[0]!;
  const socket = net.connect({ host: '127.0.0.1', port: lab.services['oci']!.port });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const cap = rawClient(socket);
  const user = (inner: string) => `<user userType="CallClient"><id>${me.loginId}</id>${inner}<applicationId>unity</applicationId></user>`;
  cap.write(capRequest('registerAuthentication', user('')));
  const nonce = /<nonce>(\d+)<\/nonce>/.exec(await cap.next())?.[1] ?? '';
  cap.write(capRequest('registerRequest', user(`<securePassword>${signed(nonce, me.password)}</securePassword>`)));
  expect(await cap.next()).toContain(`userUid="${me.uid}"`);
  const monUsers = users.map((u) => `<monUser>${u}</monUser>`).join('');
  cap.write(capRequest('monitoringUsersRequest', `<user userType="AttendantConsole" id="${me.loginId}"><monitoring monType="Add">${monUsers}</monitoring><applicationId>unity</applicationId></user>`));
  return { cap, response: await cap.next() };
}

// The documents the lab writes at reception scale pass the same rules as every other lab document:
// the XSI BusyLampField list of 1,000 users and the empty list of a user who monitors nobody
// (ScenarioUser.monitorsGroup false) against the XSI R23 rules, and CAP's monitoringUsersResponse for
// 1,000 users with each user's initial sessionUpdate against the CAP rules (captured forms). Raw
// sockets and raw HTTPS: the rules read the bytes the lab wrote, not our decoders' view of them.
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab/index.ts';
import { busyLampFieldXml, capMonitor } from '../lab/support/reception-raw.ts';
import { capRules } from './cap/rules.ts';
import { formatFindings, schemaSet } from './shape/index.ts';
import { xsiSchema } from './xsi/xsi-rules.ts';

const N = 1_000;
const xsiRules = schemaSet(xsiSchema);
let lab: Lab;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  lab = await startLab({ scenario: 'r22-cti', monitoredUsers: N, seed: 'reception-conformance' });
}, 60_000);
afterAll(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await lab?.stop();
});

describe(`lab documents at reception scale (${N.toLocaleString('en-US')} monitored users)`, () => {
  it('the XSI BusyLampField list of every monitored user, and the empty list of a user who monitors nobody, pass the XSI rules', async () => {
    const full = await busyLampFieldXml(lab, lab.users[0]!);
    expect(xsiRules.check(full), formatFindings(xsiRules.check(full))).toEqual([]);
    expect(full.match(/<userDetails>/g)).toHaveLength(N);
    const empty = await busyLampFieldXml(lab, lab.users.at(-1)!);
    expect(xsiRules.check(empty), formatFindings(xsiRules.check(empty))).toEqual([]);
    expect(empty).not.toContain('<userDetails>');
  });

  it('CAP: the monitoringUsersResponse for all of them and each initial sessionUpdate pass the CAP rules', { timeout: 30_000 }, async () => {
    const { cap, response } = await capMonitor(lab, lab.users.slice(1).map((u) => u.loginId), sockets);
    const documents = [response];
    for (let i = 0; i < N; i++) documents.push(await cap.next());
    expect(documents[0]).toContain('commandType="monitoringUsersResponse"');
    expect(documents.slice(1).every((d) => d.includes('commandType="sessionUpdate"'))).toBe(true);
    const findings = documents.flatMap((d) => capRules.check(d));
    expect(findings, formatFindings(findings)).toEqual([]);
  });
});

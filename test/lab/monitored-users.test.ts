import { describe, expect, it } from 'vitest';
import { getScenario, listScenarios, MAX_MONITORED_USERS, MonitoredUsersError, withMonitoredUsers } from '../../src/lab/scenarios/index.ts';
import type { LabScenario } from '../../src/lab/scenarios/index.ts';
import { monitoredUsers, type UserProfileFacts } from '../../src/lab/xsi-server/actions-routes.ts';

/** The BLF list of the scenario's first user, by the XSI server's rule. */
function blfOf(s: LabScenario): string[] {
  const profiles: Record<string, UserProfileFacts> = Object.fromEntries(s.users.map((u) => [u.loginId, u]));
  return monitoredUsers(profiles, s.users[0]!.loginId);
}

describe('withMonitoredUsers (a lab at reception scale)', () => {
  it('gives the first user exactly n users on the Busy Lamp Field list, keeping those already there', () => {
    const base = getScenario('r22-cti');
    const big = withMonitoredUsers(base, 10);
    expect(big.users).toHaveLength(11);
    expect(blfOf(big)).toEqual(big.users.slice(1).map((u) => u.loginId));
    expect(big.users.slice(0, 4)).toEqual(base.users);
    expect(big.users[4]).toEqual({
      loginId: 'user30000@lab.test',
      firstName: 'Alex',
      lastName: 'Abbott',
      extension: '30000',
      phoneNumber: '6175530000',
      serviceProviderId: 'SP-Lab',
      groupId: 'G-Lab',
      isEnterprise: false,
      services: ['Client Call Control', 'Call Recording', 'Voice Messaging User', 'Integrated IM&P'],
      impId: 'user30000@xmpp.lab.test',
      knownToPortal: true,
      monitorsGroup: false,
    });
    // The users added monitor nobody themselves: each can be an idle session of its own.
    const added = big.users[4]!.loginId;
    const profiles = Object.fromEntries(big.users.map((u) => [u.loginId, u]));
    expect(monitoredUsers(profiles, added)).toEqual([]);
    expect(monitoredUsers(profiles, 'bob@lab.test')).toContain(added);
    expect(big.name).toBe('r22-cti');
    expect(big.description).toBe(`${base.description}; 10 users on ann@lab.test's Busy Lamp Field list`);
    // A copy: the scenario given is unchanged, and the same input gives the same users.
    expect(base.users).toHaveLength(4);
    expect(withMonitoredUsers(base, 10)).toEqual(big);
  });

  it('drops users from the list down to n, and takes the whole enterprise of an enterprise user', () => {
    const two = withMonitoredUsers(getScenario('r22-cti'), 2);
    expect(two.users.map((u) => u.loginId)).toEqual(['ann@lab.test', 'bob@lab.test', 'cy@lab.test']);
    expect(withMonitoredUsers(getScenario('r22-cti'), 0).users.map((u) => u.loginId)).toEqual(['ann@lab.test']);
    const enterprise = withMonitoredUsers(getScenario('r21-cti'), 6);
    expect(blfOf(enterprise)).toHaveLength(6);
    expect(enterprise.users.at(-1)).toMatchObject({ serviceProviderId: 'ENT-Lab', isEnterprise: true, groupId: 'G-Lab' });
    // Without the Integrated IM&P service the users added have no IM&P id either.
    expect(withMonitoredUsers(getScenario('r17-cap'), 5).users.at(-1)!.impId).toBeUndefined();
  });

  it('serves 20,000 users, each with its own extension, DN and login, clear of the numbers in use', () => {
    const s = getScenario('r22-cti');
    s.users[1]!.extension = '30001'; // a number the scenario already uses is skipped
    const max = withMonitoredUsers(s, MAX_MONITORED_USERS);
    expect(blfOf(max)).toHaveLength(20_000);
    for (const key of ['loginId', 'extension', 'phoneNumber'] as const) expect(new Set(max.users.map((u) => u[key])).size).toBe(20_001);
    expect(max.users.filter((u) => u.extension === '30001').map((u) => u.loginId)).toEqual(['bob@lab.test']);
    expect(max.users.at(-1)!.extension).toBe('49997'); // 30000 … 49997 less 30001, beside bob, cy and dora
  });

  it('refuses more than 20,000, a fraction, a negative number or no number, with a RangeError that says what it takes', () => {
    const s = getScenario('r22-cti');
    const refusal = (n: unknown): MonitoredUsersError => {
      try {
        withMonitoredUsers(s, n as number);
      } catch (error) {
        expect(error).toBeInstanceOf(MonitoredUsersError);
        expect(error).toBeInstanceOf(RangeError);
        return error as MonitoredUsersError;
      }
      throw new Error(`withMonitoredUsers accepted ${String(n)}`);
    };
    expect(refusal(20_001).message).toBe('the lab serves at most 20,000 monitored users, not 20,001');
    expect(refusal(2.5).message).toBe('the number of monitored users must be a whole number from 0 to 20,000, not 2.5');
    expect(refusal(-1).message).toBe('the number of monitored users must be a whole number from 0 to 20,000, not -1');
    expect(refusal(Number.NaN).message).toContain('not NaN');
    expect(refusal('12').message).toContain('not 12');
    expect(refusal(20_001).code).toBe('LAB_MONITORED_USERS');
    expect(() => withMonitoredUsers({ ...s, users: [] }, 1)).toThrow('scenario r22-cti has no user to monitor the others');
  });

  it('the catalogue has reception-1000: r22-cti with 1,000 users on ann\'s list', () => {
    expect(listScenarios().find((x) => x.name === 'reception-1000')?.description).toBe(
      'R22 (the default) at reception scale: 1,000 users in the group of ann@lab.test, all on her Busy Lamp Field list',
    );
    const reception = getScenario('reception-1000');
    expect(blfOf(reception)).toHaveLength(1_000);
    const r22 = getScenario('r22-cti');
    expect({ ...reception, name: r22.name, description: r22.description, users: r22.users }).toEqual(r22);
    expect(reception.users.slice(0, 4)).toEqual(r22.users);
  });
});

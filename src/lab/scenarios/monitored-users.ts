// A lab at reception scale: a scenario whose monitoring user (its first user) has N users on the
// Busy Lamp Field list. The lab's BLF list is every other user of the monitoring user's group (of
// its enterprise, for an enterprise user; actions-routes.ts monitoredUsers), so the users added sit
// there; XSI serves them as the BusyLampField list, the CTI server takes a subscription per user and
// the CAP server a monitoringUsersRequest for them all.
import type { LabScenario, ScenarioUser } from './types.ts';

/** The most monitored users a lab serves: a reception of one large enterprise. */
export const MAX_MONITORED_USERS = 20_000;

/**
 * @example
 * try { withMonitoredUsers(getScenario(), 20_001); } catch (e) { if (e instanceof MonitoredUsersError) console.error(e.message); }
 */
export class MonitoredUsersError extends RangeError {
  readonly code = 'LAB_MONITORED_USERS';
}

const FIRST_NAMES = ['Alex', 'Blair', 'Casey', 'Devon', 'Emery', 'Finley', 'Gray', 'Harper', 'Indra', 'Jordan', 'Kai', 'Logan', 'Morgan', 'Noel', 'Oakley', 'Parker', 'Quinn', 'Reese', 'Sage', 'Taylor'];
const LAST_NAMES = ['Abbott', 'Baker', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen', 'Khan', 'Lopez', 'Moreau', 'Novak', 'Okafor', 'Patel', 'Quist', 'Rossi', 'Silva', 'Tanaka', 'Umar', 'Vogel', 'Wong', 'Xu', 'Young'];

/** The first extension the added users get (five digits, clear of the catalogue's 2001…2900). */
const FIRST_EXTENSION = 30_000;

/** Whether `other` is on `me`'s BLF list in the lab (the rule of actions-routes.ts monitoredUsers). */
const onListOf = (me: ScenarioUser, other: ScenarioUser): boolean =>
  other.loginId !== me.loginId && other.serviceProviderId === me.serviceProviderId && (me.isEnterprise || other.groupId === me.groupId);

/**
 * A copy of `scenario` in which its first user (the monitoring user: the receptionist) has exactly
 * `n` users on its Busy Lamp Field list, 0 ≤ n ≤ MAX_MONITORED_USERS. The users already on the list
 * stay (the first n of them, in scenario order); the others are added to the monitoring user's group
 * with the services of the last user on the list (without Call Center) and no BLF list of their own
 * (monitorsGroup false), five-digit extensions from 30000 and DNs 61755 + extension, skipping every number the scenario already uses. Deterministic:
 * the same scenario and n give the same users. The scenario keeps its name; its description says n.
 *
 * @example
 * const lab = await startLab({ scenario: withMonitoredUsers(getScenario('r22-cti'), 20_000) });
 * lab.users.length; // 20,001: ann@lab.test and the 20,000 users on her BLF list
 */
export function withMonitoredUsers(scenario: LabScenario, n: number): LabScenario {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw new MonitoredUsersError(`the number of monitored users must be a whole number from 0 to ${MAX_MONITORED_USERS.toLocaleString('en-US')}, not ${String(n)}`);
  if (n > MAX_MONITORED_USERS)
    throw new MonitoredUsersError(`the lab serves at most ${MAX_MONITORED_USERS.toLocaleString('en-US')} monitored users, not ${n.toLocaleString('en-US')}`);
  const out = structuredClone(scenario);
  const me = out.users[0];
  if (me === undefined) throw new MonitoredUsersError(`scenario ${out.name} has no user to monitor the others`);
  const listed = out.users.filter((u) => onListOf(me, u));
  const template = listed[listed.length - 1] ?? me;
  const keep = new Set(listed.slice(0, n));
  out.users = out.users.filter((u) => u === me || !onListOf(me, u) || keep.has(u));

  const used = new Set<string>();
  for (const u of out.users) used.add(u.extension).add(u.phoneNumber).add(u.loginId.toLowerCase());
  for (const c of out.callCenters) used.add(c.extension).add(c.phoneNumber).add(c.id.toLowerCase());
  const domain = me.loginId.slice(me.loginId.indexOf('@') + 1);
  const impDomain = template.impId?.slice(template.impId.indexOf('@') + 1);
  const services = template.services.filter((s) => s !== 'Call Center');
  for (let number = FIRST_EXTENSION, added = 0; added < n - keep.size; number++) {
    const extension = String(number);
    const phoneNumber = `61755${extension}`;
    const local = `user${extension}`;
    const loginId = `${local}@${domain}`;
    if (used.has(extension) || used.has(phoneNumber) || used.has(loginId.toLowerCase())) continue;
    out.users.push({
      loginId,
      firstName: FIRST_NAMES[added % FIRST_NAMES.length]!,
      lastName: LAST_NAMES[Math.floor(added / FIRST_NAMES.length) % LAST_NAMES.length]!,
      extension,
      phoneNumber,
      serviceProviderId: me.serviceProviderId,
      groupId: me.groupId,
      isEnterprise: me.isEnterprise,
      services: [...services],
      ...(impDomain !== undefined ? { impId: `${local}@${impDomain}` } : {}),
      knownToPortal: true,
      // The receptionist monitors them; they monitor nobody (each a session of its own, idle).
      monitorsGroup: false,
    });
    added++;
  }
  out.description = `${out.description}; ${n.toLocaleString('en-US')} users on ${me.loginId}'s Busy Lamp Field list`;
  return out;
}

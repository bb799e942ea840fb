// The lab telephony for a set of scenario people and call centers: each person becomes a telephony
// user (login id = user id) with copies of their services and call-center memberships.
import { LabTelephony } from '../telephony/telephony.ts';
import type { TelephonyUserInput } from '../telephony/types.ts';
import type { LabScenario, ScenarioUser } from './types.ts';

/**
 * @example
 * const input = telephonyUserOf(scenario.users[0]!);
 */
export function telephonyUserOf(u: ScenarioUser): TelephonyUserInput {
  return {
    userId: u.loginId,
    firstName: u.firstName,
    lastName: u.lastName,
    extension: u.extension,
    phoneNumber: u.phoneNumber,
    services: [...u.services],
    ...(u.callCenters ? { callCenters: [...u.callCenters] } : {}),
  };
}

/**
 * @example
 * const telephony = createScenarioTelephony('seed', scenario.users, scenario.callCenters);
 */
export function createScenarioTelephony(seed: string, users: readonly ScenarioUser[], callCenters: LabScenario['callCenters']): LabTelephony {
  return new LabTelephony({ seed, users: users.map(telephonyUserOf), callCenters: callCenters.map((c) => ({ ...c })) });
}

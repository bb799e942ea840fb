// The people of the lab: one group of a service provider (or an enterprise), a call center.
import type { LabServiceName } from '../telephony/types.ts';
import type { ScenarioUser } from './types.ts';

export const LAB_DOMAIN = 'lab.test';
export const LAB_SP = 'SP-Lab';
export const LAB_ENTERPRISE = 'ENT-Lab';
export const LAB_GROUP = 'G-Lab';

const FULL: LabServiceName[] = ['Client Call Control', 'Call Recording', 'Voice Messaging User', 'Integrated IM&P'];

interface Person {
  local: string;
  firstName: string;
  lastName: string;
  extension: string;
  agent?: boolean;
}

const PEOPLE: Person[] = [
  { local: 'ann', firstName: 'Ann', lastName: 'Lee', extension: '2001', agent: true },
  { local: 'bob', firstName: 'Bob', lastName: 'Ray', extension: '2002', agent: true },
  { local: 'cy', firstName: 'Cy', lastName: 'Dee', extension: '2003' },
  { local: 'dora', firstName: 'Dora', lastName: 'Ng', extension: '2004' },
];

export const LAB_CALL_CENTER = {
  id: `sales@${LAB_DOMAIN}`,
  name: 'Sales',
  extension: '2900',
  phoneNumber: '6175552900',
};

/**
 * @example
 * const users = labUsers({ enterprise: true });
 */
export function labUsers(options: { enterprise?: boolean; xmppDomain?: string; services?: LabServiceName[] } = {}): ScenarioUser[] {
  const services = options.services ?? FULL;
  return PEOPLE.map((p) => ({
    loginId: `${p.local}@${LAB_DOMAIN}`,
    firstName: p.firstName,
    lastName: p.lastName,
    extension: p.extension,
    phoneNumber: `617555${p.extension}`,
    serviceProviderId: options.enterprise ? LAB_ENTERPRISE : LAB_SP,
    groupId: LAB_GROUP,
    isEnterprise: options.enterprise ?? false,
    services: p.agent ? [...services, 'Call Center'] : [...services],
    ...(services.includes('Integrated IM&P') ? { impId: `${p.local}@${options.xmppDomain ?? 'xmpp.lab.test'}` } : {}),
    ...(p.agent ? { callCenters: [LAB_CALL_CENTER.id] } : {}),
    knownToPortal: true,
  }));
}

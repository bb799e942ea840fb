export { LAB_SCENARIOS, DEFAULT_SCENARIO, getScenario, listScenarios, UnknownScenarioError } from './catalogue.ts';
export { resolveConnectivity, resolvePort, labPasswords, ScenarioPortError } from './resolve.ts';
export type { LabPorts } from './resolve.ts';
export { labUsers, LAB_DOMAIN, LAB_SP, LAB_ENTERPRISE, LAB_GROUP, LAB_CALL_CENTER } from './users.ts';
export { createScenarioTelephony, telephonyUserOf } from './scenario-telephony.ts';
export { withMonitoredUsers, MonitoredUsersError, MAX_MONITORED_USERS } from './monitored-users.ts';
export type * from './types.ts';

// unity-connect/lab — simulators of every server the client talks to (issue 4).
export * from './pki/index.ts';
export * from './net/index.ts';
export * from './telephony/index.ts';
export * from './scenarios/index.ts';
export * from './oci-server/index.ts';
export { startLab, LabStartError } from './start-lab.ts';
export type { Lab, LabUser, LabServiceEndpoint, StartLabOptions } from './start-lab.ts';
export * from './portal/index.ts';
export * from './imp-server/index.ts';
export * from './cti-server/index.ts';
export * from './xsi-server/index.ts';
export * from './xmpp/index.ts';

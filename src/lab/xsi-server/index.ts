export { startXsiServer } from './xsi-server.ts';
export type { XsiServer, XsiServerOptions } from './xsi-server.ts';
export type { UserProfileFacts } from './actions-routes.ts';
export type { RecordingMode } from './actions.ts';
export { XsiEventHub, grantExpires } from './event-hub.ts';
export type { UnackedEvent, HubChannel, HubSubscription } from './event-hub.ts';
export { EVENT_PACKAGES, isEventPackage } from './event-packages.ts';
export type { EventPackage } from './event-packages.ts';
export type { CallCenterReport } from '../../codecs/xsi/call-center-report.ts';

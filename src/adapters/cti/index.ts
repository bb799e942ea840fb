// CTI driver (cti-xsi.md §2): one link per established connection.
export { createCtiLink } from './cti-link.ts';
export type { CtiLink, CtiLinkOptions, CtiLinkEvent, CtiAuthInfo, CtiSubscriptionInfo, CtiCallSnapshot, AgentState as CtiAgentState, IdSource } from './cti-link.ts';
export type { CtiCredentialProvider } from './cti-exchange.ts';
export type { CtiFailure } from './cti-failure.ts';
export { subscriptionTargets } from './cti-subscription-plan.ts';
export type { CtiSubscriptionPlan, CtiCallPackage, CtiEventPackage, CtiSubscriptionTarget } from './cti-subscription-plan.ts';
export { authAnswer, keepaliveAnswer, linkEventAnswer } from './connection-answers.ts';

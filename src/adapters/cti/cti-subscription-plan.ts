// Which XSI event subscriptions a CTI session needs (cti-xsi.md §3.5, FACT package names):
// the user's own calls ('Advanced Call' or 'Standard Call'), BLF = a call package per monitored
// user (there is no "BLF" package; 'Basic Call' is enough for BLF), and, when the license has
// call center, the queue of each call center and the user's own agent state.

export type CtiCallPackage = 'Advanced Call' | 'Standard Call';
export type CtiEventPackage = CtiCallPackage | 'Basic Call' | 'Call Center Queue' | 'Call Center Agent' | 'Call Center Monitoring' | 'Voice Mail Message Summary';

export interface CtiSubscriptionPlan {
  /** The subscriber (user@domain), normally the credential user. */
  userId: string;
  callPackage: CtiCallPackage;
  /** BLF: users whose line state is shown. */
  monitoredUsers?: readonly string[];
  /** Call-center ids (e.g. sales@lab.test) whose queue is watched; only when licensed. */
  callCenters?: readonly string[];
  /** Subscribe to the user's own agent state (Call Center Agent); only when licensed. */
  agent?: boolean;
}

export interface CtiSubscriptionTarget {
  targetId: string;
  event: CtiEventPackage;
  /** True for the user's own call subscription: failing it fails authentication. */
  required: boolean;
}

export function subscriptionTargets(plan: CtiSubscriptionPlan): CtiSubscriptionTarget[] {
  const targets: CtiSubscriptionTarget[] = [{ targetId: plan.userId, event: plan.callPackage, required: true }];
  const seen = new Set([plan.userId.toLowerCase()]);
  for (const user of plan.monitoredUsers ?? []) {
    if (seen.has(user.toLowerCase())) continue; // the own line is already covered
    seen.add(user.toLowerCase());
    targets.push({ targetId: user, event: 'Basic Call', required: false });
  }
  for (const center of new Set(plan.callCenters ?? [])) targets.push({ targetId: center, event: 'Call Center Queue', required: false });
  if (plan.agent === true) targets.push({ targetId: plan.userId, event: 'Call Center Agent', required: false });
  return targets;
}

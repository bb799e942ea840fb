// The domain state as an actor of the session's system: the start-up machine invokes it under the
// system id 'domain', so its state is part of every log entry's snapshot digest and a replay
// reproduces and checks it like any machine's (issue 11 item 2). It only folds the domain reducer.
import { fromTransition } from 'xstate';
import { INITIAL_DOMAIN_STATE, type DomainState } from './domain-state.ts';
import { reduceDomain } from './reduce-domain.ts';

/** XState actor logic whose snapshot's context is the DomainState. */
export const domainLogic = fromTransition((state: DomainState, event: { type: string }) => reduceDomain(state, event), INITIAL_DOMAIN_STATE);

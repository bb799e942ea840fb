// fast-check arbitraries for domain events (issue 11 item 2): small id pools, so that generated
// sequences hit the same calls, users and messages again (changes, releases, repeats, duplicates).
import { fc } from '@fast-check/vitest';
import type { DomainEvent } from '../../../src/machines/domain/contract.ts';
import type { CallFacts, CallState, ImService, RecordingControls, RecordingState } from '../../../src/machines/domain/domain-state.ts';
import type { Sensitive } from '../../../src/machines/domain/sensitive.ts';

export const CALL_IDS = ['c1', 'c2', 'c3', 'c4', 'c5'];
export const USERS = ['bob@lab.test', 'carol@lab.test', 'dave@lab.test'];
export const MESSAGE_IDS = ['m1', 'm2', 'm3', 'm4'];
export const SERVICES: ImService[] = ['imp', 'xmpp'];
export const CALL_STATES: CallState[] = ['alerting', 'active', 'held', 'remoteHeld', 'detached'];
const RECORDING: RecordingState[] = ['off', 'pending', 'on', 'paused', 'failed'];
const CONTROLS: RecordingControls[] = ['none', 'record', 'pause', 'pause-stop', 'resume', 'resume-stop', 'stop'];

export const sensitive: fc.Arbitrary<Sensitive> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).map((text) => ({ text })),
  fc.record({ digest: fc.stringMatching(/^[0-9a-f]{16}$/), length: fc.integer({ min: 1, max: 40 }) }),
);

export const callFacts: fc.Arbitrary<CallFacts> = fc.record(
  {
    callId: fc.constantFrom(...CALL_IDS),
    state: fc.constantFrom(...CALL_STATES),
    direction: fc.constantFrom('incoming', 'outgoing', 'clickToDial'),
    remote: fc.record({ name: sensitive, number: sensitive, userId: fc.constantFrom(...USERS), privacy: fc.boolean() }, { requiredKeys: [] }),
    recording: fc.constantFrom(...RECORDING),
    recordingControls: fc.constantFrom(...CONTROLS),
    allowAnswer: fc.boolean(),
    allowRetrieve: fc.boolean(),
    startedAt: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  },
  { requiredKeys: ['callId', 'state', 'remote'] },
) as fc.Arbitrary<CallFacts>;

const monitoredUser = fc.option(fc.constantFrom(...USERS), { nil: undefined });
const on = <T extends object>(event: T, user: string | undefined): T => (user === undefined ? event : { ...event, monitoredUser: user });

export const callEvent: fc.Arbitrary<DomainEvent> = fc.oneof(
  fc.tuple(fc.array(callFacts, { maxLength: 4 }), monitoredUser, fc.option(fc.boolean(), { nil: undefined })).map(([calls, user, offHook]) =>
    on({ type: 'CALLS.LISTED' as const, calls, ...(offHook !== undefined ? { offHook } : {}) }, user),
  ),
  fc.tuple(callFacts, monitoredUser).map(([call, user]) => on({ type: 'CALL.CHANGED' as const, call }, user)),
  fc.tuple(fc.constantFrom(...CALL_IDS), monitoredUser).map(([callId, user]) => on({ type: 'CALL.RELEASED' as const, callId }, user)),
  fc.tuple(fc.boolean(), monitoredUser).map(([offHook, user]) => on({ type: 'HOOK.CHANGED' as const, offHook }, user)),
  fc.record({ users: fc.subarray(USERS), note: fc.option(fc.constant('no BLF'), { nil: null }) }).map((r) => ({ type: 'LAMPS.MONITORED' as const, ...r })),
);

export const imEvent: fc.Arbitrary<DomainEvent> = fc.oneof(
  fc
    .record({ service: fc.constantFrom(...SERVICES), id: fc.constantFrom(...MESSAGE_IDS), from: fc.constantFrom(...USERS, 'Bob@Lab.test/desk'), body: sensitive, at: fc.nat() })
    .map((r) => ({ type: 'IM.RECEIVED' as const, ...r })),
  fc
    .record({ commandId: fc.uuid(), messageId: fc.constantFrom(...MESSAGE_IDS), to: fc.constantFrom(...USERS), service: fc.constantFrom(...SERVICES), body: sensitive, at: fc.nat() })
    .map((r) => ({ type: 'USER.COMMAND' as const, command: 'sendIm' as const, ...r })),
  fc.record({ service: fc.constantFrom(...SERVICES), id: fc.constantFrom(...MESSAGE_IDS) }).map((r) => ({ type: 'IM.DELIVERED' as const, ...r })),
  fc.record({ service: fc.constantFrom(...SERVICES), id: fc.constantFrom(...MESSAGE_IDS) }).map((r) => ({ type: 'IM.REJECTED' as const, reason: 'refused', ...r })),
  fc
    .record({ commandId: fc.uuid(), messageId: fc.constantFrom(...MESSAGE_IDS), service: fc.constantFrom(...SERVICES), ok: fc.boolean() })
    .map((r) => ({ type: 'COMMAND.RESULT' as const, command: 'sendIm' as const, ...r, ...(r.ok ? {} : { code: 'not-connected', message: 'IM is not online' }) })),
);

const count = fc.nat({ max: 50 });
export const otherEvent: fc.Arbitrary<DomainEvent> = fc.oneof(
  fc.record({ newMessages: count, oldMessages: count, newUrgentMessages: count, oldUrgentMessages: count }).map((r) => ({ type: 'VOICEMAIL.SUMMARY' as const, ...r })),
  fc
    .array(
      fc.record({
        id: fc.constantFrom('v1', 'v2', 'v3'),
        from: fc.record({ name: sensitive, number: sensitive }, { requiredKeys: [] }),
        at: fc.nat(),
        read: fc.boolean(),
        urgent: fc.boolean(),
        confidential: fc.boolean(),
        video: fc.boolean(),
        fax: fc.boolean(),
      }),
      { maxLength: 3 },
    )
    .map((messages) => ({ type: 'VOICEMAIL.LISTED' as const, messages })),
  fc.record({ commandId: fc.uuid(), messageId: fc.constantFrom('v1', 'v2', 'v3'), ok: fc.boolean() }).map((r) => ({ type: 'COMMAND.RESULT' as const, command: 'markRead' as const, ...r })),
  fc.constantFrom('Sign-In', 'Available', 'Unavailable', 'Wrap-Up', 'Sign-Out').map((state) => ({ type: 'AGENT.STATE' as const, state })),
  fc.record({ callCenterId: fc.constantFrom('sales@lab.test', 'help@lab.test'), waiting: count }).map((r) => ({ type: 'QUEUE.STATS' as const, ...r })),
  fc.record({ callCenterId: fc.constantFrom('sales@lab.test'), entryId: fc.constantFrom('q1', 'q2', 'q3') }).chain((r) =>
    fc.constantFrom({ type: 'QUEUE.ENTRY_ADDED' as const, ...r }, { type: 'QUEUE.ENTRY_REMOVED' as const, ...r }),
  ),
  fc.record({ callCenterId: fc.constantFrom('sales@lab.test'), entries: fc.subarray(['q1', 'q2', 'q3']) }).map((r) => ({ type: 'QUEUE.LISTED' as const, ...r })),
);

export const domainEvent: fc.Arbitrary<DomainEvent> = fc.oneof(callEvent, imEvent, otherEvent);

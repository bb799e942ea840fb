// The lab's call model: users, call legs, BLF monitoring, call-center queues, agent states.
// Pure TypeScript; ids come from a seeded PRNG and counter, time from an injected clock, so a
// given seed and the same operations give the same ids and events.
import { TypedEmitter, type Unsubscribe } from './emitter.ts';
import { createPrng } from './prng.ts';
import {
  TelephonyError,
  type AgentState,
  type Call,
  type CallState,
  type QueueEntry,
  type QueueRemovalReason,
  type RemoteParty,
  type TelephonyEvent,
  type TelephonyUser,
  type TelephonyUserInput,
} from './types.ts';

export interface TelephonyOptions {
  seed?: string | number;
  users: TelephonyUserInput[];
  /** Call-center ids with display names (a call center is a BroadWorks service instance). */
  callCenters?: { id: string; name: string; phoneNumber?: string; extension?: string }[];
  /** Clock for call times; default Date.now. */
  now?: () => number;
}

export interface CallCenter {
  id: string;
  name: string;
  phoneNumber: string | null;
  extension: string | null;
}

const snapshot = (call: Call): Call => ({ ...call, remote: { ...call.remote } });

/** A number as userByNumber compares it: digits and '+' only. */
const normaliseNumber = (number: string): string => number.replace(/[^\d+]/g, '');

/**
 * @example
 * const t = new LabTelephony({ users: [{ userId: 'ann@lab.test', firstName: 'Ann', lastName: 'Lee', extension: '2001', services: [] }] });
 * const call = t.placeIncomingCall('ann@lab.test', { number: '+15550001234' });
 */
export class LabTelephony {
  private readonly events = new TypedEmitter<TelephonyEvent>();
  private readonly usersById = new Map<string, TelephonyUser>();
  // Indexes, so that a request costs the same with 4 users or 20,000 (issue 14: reception scale).
  private readonly usersByUid = new Map<number, TelephonyUser>();
  /** Extension or normalised DN → the first user (in input order) with it. */
  private readonly usersByNumber = new Map<string, TelephonyUser>();
  private readonly agentsByCenter = new Map<string, string[]>();
  private readonly callsById = new Map<string, Call>();
  /** Live call ids per user, oldest first. */
  private readonly callsByUser = new Map<string, Set<string>>();
  private readonly centers = new Map<string, CallCenter>();
  private readonly queues = new Map<string, QueueEntry[]>();
  private readonly monitoring = new Map<string, Set<string>>();
  private readonly now: () => number;
  private callCounter: number;
  private trackingCounter: number;

  constructor(options: TelephonyOptions) {
    const prng = createPrng(`telephony:${options.seed ?? 0}`);
    this.now = options.now ?? Date.now;
    this.callCounter = prng.int(100, 899) * 100;
    this.trackingCounter = prng.int(1000, 8999);
    const usedUids = new Set<number>();
    for (const input of options.users) {
      if (this.usersById.has(input.userId)) throw new TelephonyError('INVALID_STATE', `duplicate user ${input.userId}`);
      let uid = input.uid ?? prng.int(1000, 99999);
      while (usedUids.has(uid)) uid = prng.int(1000, 99999);
      usedUids.add(uid);
      const user: TelephonyUser = {
        userId: input.userId,
        uid,
        firstName: input.firstName,
        lastName: input.lastName,
        extension: input.extension,
        phoneNumber: input.phoneNumber ?? null,
        services: [...input.services],
        callCenters: [...(input.callCenters ?? [])],
        agentState: input.agentState ?? 'Sign-Out',
      };
      this.usersById.set(user.userId, user);
      this.usersByUid.set(uid, user);
      for (const key of [user.extension, ...(user.phoneNumber !== null ? [normaliseNumber(user.phoneNumber)] : [])])
        if (!this.usersByNumber.has(key)) this.usersByNumber.set(key, user);
      for (const center of new Set(user.callCenters)) {
        const agents = this.agentsByCenter.get(center);
        if (agents) agents.push(user.userId);
        else this.agentsByCenter.set(center, [user.userId]);
      }
    }
    for (const center of options.callCenters ?? []) {
      this.centers.set(center.id, {
        id: center.id,
        name: center.name,
        phoneNumber: center.phoneNumber ?? null,
        extension: center.extension ?? null,
      });
      this.queues.set(center.id, []);
    }
  }

  // ---- observation -------------------------------------------------------------------------

  on(listener: (event: TelephonyEvent) => void): Unsubscribe;
  on<T extends TelephonyEvent['type']>(type: T, listener: (event: Extract<TelephonyEvent, { type: T }>) => void): Unsubscribe;
  on(a: string | ((event: TelephonyEvent) => void), b?: (event: never) => void): Unsubscribe {
    if (typeof a === 'function') return this.events.on(a);
    return this.events.on((event) => event.type === a && (b as (event: TelephonyEvent) => void)(event));
  }

  users(): TelephonyUser[] {
    return [...this.usersById.values()].map((u) => ({ ...u, services: [...u.services], callCenters: [...u.callCenters] }));
  }

  user(userId: string): TelephonyUser {
    const user = this.usersById.get(userId);
    if (!user) throw new TelephonyError('UNKNOWN_USER', `unknown user ${userId}`);
    return { ...user, services: [...user.services], callCenters: [...user.callCenters] };
  }

  findUser(userId: string): TelephonyUser | undefined {
    return this.usersById.has(userId) ? this.user(userId) : undefined;
  }

  userByUid(uid: number): TelephonyUser | undefined {
    const user = this.usersByUid.get(uid);
    return user ? this.user(user.userId) : undefined;
  }

  hasService(userId: string, service: TelephonyUser['services'][number]): boolean {
    return this.usersById.get(userId)?.services.includes(service) ?? false;
  }

  /** The user whose extension or DN is `number`. */
  userByNumber(number: string): TelephonyUser | undefined {
    const user = this.usersByNumber.get(normaliseNumber(number));
    return user ? this.user(user.userId) : undefined;
  }

  /** Live calls of a user (released calls are removed), oldest first. */
  calls(userId?: string): Call[] {
    if (userId === undefined) return [...this.callsById.values()].map(snapshot);
    return [...(this.callsByUser.get(userId) ?? [])].map((id) => snapshot(this.callsById.get(id)!));
  }

  /** How many live calls `userId` has. */
  callCount(userId: string): number {
    return this.callsByUser.get(userId)?.size ?? 0;
  }

  call(callId: string): Call {
    return snapshot(this.liveCall(callId));
  }

  callCenters(): CallCenter[] {
    return [...this.centers.values()].map((c) => ({ ...c }));
  }

  /** The agents of a call center (users with it among their callCenters), in input order. */
  agentsOf(callCenterId: string): TelephonyUser[] {
    return (this.agentsByCenter.get(callCenterId) ?? []).map((id) => this.user(id));
  }

  queue(callCenterId: string): QueueEntry[] {
    return this.liveQueue(callCenterId).map((e) => ({ ...e, from: { ...e.from } }));
  }

  /** Users `watcherId` monitors (BLF). */
  monitoredBy(watcherId: string): string[] {
    return [...(this.monitoring.get(watcherId) ?? [])];
  }

  /** Whether `watcherId` monitors `targetId` (BLF). */
  isMonitoring(watcherId: string, targetId: string): boolean {
    return this.monitoring.get(watcherId)?.has(targetId) ?? false;
  }

  /** Users that monitor `targetId`. */
  watchersOf(targetId: string): string[] {
    return [...this.monitoring].filter(([, targets]) => targets.has(targetId)).map(([watcher]) => watcher);
  }

  // ---- calls -------------------------------------------------------------------------------

  /** A call from outside (or from `from.userId`) rings `toUserId`. */
  placeIncomingCall(toUserId: string, from: RemoteParty, callCenterId: string | null = null): Call {
    this.requireUser(toUserId);
    const leg = this.newLeg(toUserId, 'Terminator', 'Alerting', from, callCenterId);
    this.emitAdded(leg);
    return snapshot(leg);
  }

  /** `userId` dials `number`: an internal number rings that lab user; any other number rings outside. */
  dial(userId: string, number: string): Call {
    const caller = this.requireUser(userId);
    if (!/^\+?[\d*#]{1,30}$/.test(number)) throw new TelephonyError('BAD_NUMBER', 'not a dialable number');
    const callee = this.userByNumber(number);
    const out = this.newLeg(userId, 'Originator', 'Alerting', callee ? this.partyOf(callee.userId) : { number }, null);
    this.emitAdded(out);
    if (callee) {
      const leg = this.newLeg(callee.userId, 'Terminator', 'Alerting', this.partyOf(caller.userId), null);
      leg.extTrackingId = out.extTrackingId;
      this.link(out, leg);
      this.emitAdded(leg);
    }
    return snapshot(out);
  }

  answer(userId: string, callId: string): Call {
    const call = this.ownCall(userId, callId);
    if (call.state === 'Held') return this.retrieve(userId, callId); // cap.md §5: lab treats Answer on held as retrieve
    if (call.state !== 'Alerting' || call.personality !== 'Terminator') {
      throw new TelephonyError('INVALID_STATE', `call ${callId} is not ringing at ${userId}`);
    }
    call.answerTime = this.now();
    const peer = this.peerOf(call);
    // A transferred caller may be on hold at the other end: the answerer then hears it held.
    this.setState(call, peer?.state === 'Held' ? 'Remote Held' : 'Active');
    if (peer) {
      peer.answerTime ??= call.answerTime;
      if (peer.state === 'Alerting') this.setState(peer, 'Active');
    }
    return snapshot(call);
  }

  /** The outside party answers an outgoing call (external calls have no lab user to answer). */
  remoteAnswer(callId: string): Call {
    const call = this.liveCall(callId);
    if (call.state !== 'Alerting' || call.personality === 'Terminator' || call.peerCallId !== null) {
      throw new TelephonyError('INVALID_STATE', `call ${callId} is not an outgoing call ringing outside`);
    }
    call.answerTime = this.now();
    this.setState(call, 'Active');
    return snapshot(call);
  }

  hold(userId: string, callId: string): Call {
    const call = this.ownCall(userId, callId);
    if (call.state !== 'Active') throw new TelephonyError('INVALID_STATE', `call ${callId} is not active`);
    this.setState(call, 'Held');
    const peer = this.peerOf(call);
    if (peer && peer.state === 'Active') this.setState(peer, 'Remote Held');
    return snapshot(call);
  }

  retrieve(userId: string, callId: string): Call {
    const call = this.ownCall(userId, callId);
    if (call.state !== 'Held') throw new TelephonyError('INVALID_STATE', `call ${callId} is not held`);
    this.setState(call, 'Active');
    const peer = this.peerOf(call);
    if (peer && peer.state === 'Remote Held') this.setState(peer, 'Active');
    return snapshot(call);
  }

  release(userId: string, callId: string, cause = 'Normal'): Call {
    const call = this.ownCall(userId, callId);
    const peer = this.peerOf(call);
    this.releaseLeg(call, cause);
    if (peer) this.releaseLeg(peer, cause);
    return snapshot(call);
  }

  /** The outside party (or the whole call) hangs up. */
  remoteRelease(callId: string, cause = 'Normal'): Call {
    const call = this.liveCall(callId);
    return this.release(call.userId, callId, cause);
  }

  /** Blind transfer: `userId` leaves; the other party is connected to `number`. */
  blindTransfer(userId: string, callId: string, number: string): Call | null {
    const call = this.ownCall(userId, callId);
    if (call.state === 'Released') throw new TelephonyError('INVALID_STATE', 'call released');
    if (!/^\+?[\d*#]{1,30}$/.test(number)) throw new TelephonyError('BAD_NUMBER', 'not a dialable number');
    const party = { ...call.remote };
    const peer = this.peerOf(call);
    this.releaseLeg(call, 'Transfer');
    const target = this.userByNumber(number);
    if (!target) {
      if (peer) {
        this.unlink(peer);
        if (peer.state === 'Remote Held') this.setState(peer, 'Active');
        peer.remote = { number };
        this.emitUpdated(peer, 'remote');
      }
      return peer ? snapshot(peer) : null;
    }
    const leg = this.newLeg(target.userId, 'Terminator', 'Alerting', party, call.callCenterId);
    if (peer) {
      if (peer.state === 'Remote Held') this.setState(peer, 'Active'); // the one who held it has left
      this.link(peer, leg);
      peer.remote = this.partyOf(target.userId);
      this.emitUpdated(peer, 'remote');
    }
    this.emitAdded(leg);
    return snapshot(leg);
  }

  /** Attended transfer: the parties of `callId` and `otherCallId` are joined; `userId` leaves. */
  consultTransfer(userId: string, callId: string, otherCallId: string): void {
    const a = this.ownCall(userId, callId);
    const b = this.ownCall(userId, otherCallId);
    if (a === b) throw new TelephonyError('INVALID_STATE', 'consult transfer needs two calls');
    const peerA = this.peerOf(a);
    const peerB = this.peerOf(b);
    const partyA = { ...a.remote };
    const partyB = { ...b.remote };
    this.releaseLeg(a, 'Transfer');
    this.releaseLeg(b, 'Transfer');
    if (peerA) {
      peerA.remote = partyB;
      this.emitUpdated(peerA, 'remote');
    }
    if (peerB) {
      peerB.remote = partyA;
      this.emitUpdated(peerB, 'remote');
    }
    if (peerA && peerB) this.link(peerA, peerB);
    for (const peer of [peerA, peerB]) {
      if (peer && peer.state !== 'Active') {
        peer.answerTime ??= this.now();
        this.setState(peer, 'Active');
      }
    }
  }

  // ---- recording (XSI/CTI recording control) ----------------------------------------------

  startRecording(userId: string, callId: string): Call {
    return this.record(userId, callId, ['None', 'Stopped'], 'Started');
  }

  pauseRecording(userId: string, callId: string): Call {
    return this.record(userId, callId, ['Started'], 'Paused');
  }

  resumeRecording(userId: string, callId: string): Call {
    return this.record(userId, callId, ['Paused'], 'Started');
  }

  stopRecording(userId: string, callId: string): Call {
    return this.record(userId, callId, ['Started', 'Paused'], 'Stopped');
  }

  // ---- BLF monitoring ----------------------------------------------------------------------

  /** Sets the users `watcherId` monitors; returns the accepted (known) targets. */
  setMonitoring(watcherId: string, targets: string[]): string[] {
    this.requireUser(watcherId);
    const accepted = [...new Set(targets.filter((t) => this.usersById.has(t) && t !== watcherId))];
    this.monitoring.set(watcherId, new Set(accepted));
    this.events.emit({ type: 'monitoring-changed', watcherId, targets: [...accepted] });
    return accepted;
  }

  addMonitoring(watcherId: string, targets: string[]): string[] {
    return this.setMonitoring(watcherId, [...this.monitoredBy(watcherId), ...targets]);
  }

  removeMonitoring(watcherId: string, targets: string[]): string[] {
    const drop = new Set(targets);
    return this.setMonitoring(watcherId, this.monitoredBy(watcherId).filter((t) => !drop.has(t)));
  }

  // ---- call center -------------------------------------------------------------------------

  addQueueEntry(callCenterId: string, from: RemoteParty): QueueEntry {
    const queue = this.liveQueue(callCenterId);
    const entry: QueueEntry = { entryId: this.nextCallId(), callCenterId, from: { ...from }, enteredAt: this.now() };
    queue.push(entry);
    this.events.emit({ type: 'queue-entry-added', callCenterId, entry: { ...entry, from: { ...entry.from } } });
    return { ...entry };
  }

  removeQueueEntry(callCenterId: string, entryId: string, reason: QueueRemovalReason = 'Abandoned'): QueueEntry {
    const queue = this.liveQueue(callCenterId);
    const index = queue.findIndex((e) => e.entryId === entryId);
    const entry = queue[index];
    if (!entry) throw new TelephonyError('UNKNOWN_QUEUE_ENTRY', `no queue entry ${entryId} in ${callCenterId}`);
    queue.splice(index, 1);
    this.events.emit({ type: 'queue-entry-removed', callCenterId, entry: { ...entry }, reason });
    return { ...entry };
  }

  /** The queue hands its entry to an agent: the entry leaves the queue and rings the agent. */
  distributeQueueEntry(callCenterId: string, entryId: string, agentId: string): Call {
    this.requireUser(agentId);
    const entry = this.removeQueueEntry(callCenterId, entryId, 'Distributed');
    return this.placeIncomingCall(agentId, entry.from, callCenterId);
  }

  setAgentState(userId: string, state: AgentState): void {
    const user = this.requireUser(userId);
    if (user.agentState === state) return;
    user.agentState = state;
    this.events.emit({ type: 'agent-state-changed', userId, state });
  }

  // ---- internals ---------------------------------------------------------------------------

  private requireUser(userId: string): TelephonyUser {
    const user = this.usersById.get(userId);
    if (!user) throw new TelephonyError('UNKNOWN_USER', `unknown user ${userId}`);
    return user;
  }

  private liveQueue(callCenterId: string): QueueEntry[] {
    const queue = this.queues.get(callCenterId);
    if (!queue) throw new TelephonyError('UNKNOWN_CALL_CENTER', `unknown call center ${callCenterId}`);
    return queue;
  }

  private liveCall(callId: string): Call {
    const call = this.callsById.get(callId);
    if (!call) throw new TelephonyError('UNKNOWN_CALL', `unknown call ${callId}`);
    return call;
  }

  private ownCall(userId: string, callId: string): Call {
    this.requireUser(userId);
    const call = this.liveCall(callId);
    if (call.userId !== userId) throw new TelephonyError('UNKNOWN_CALL', `call ${callId} is not ${userId}'s`);
    return call;
  }

  private partyOf(userId: string): RemoteParty {
    const u = this.requireUser(userId);
    return { number: u.extension, name: `${u.firstName} ${u.lastName}`, userId };
  }

  private nextCallId(): string {
    this.callCounter += 1;
    return `callhalf-${this.callCounter}:0`;
  }

  private newLeg(
    userId: string,
    personality: Call['personality'],
    state: CallState,
    remote: RemoteParty,
    callCenterId: string | null,
  ): Call {
    this.trackingCounter += 1;
    const call: Call = {
      callId: this.nextCallId(),
      extTrackingId: `${this.trackingCounter}:1`,
      userId,
      state,
      personality,
      remote: { ...remote },
      peerCallId: null,
      callCenterId,
      recording: 'None',
      startTime: this.now(),
      answerTime: null,
      releaseTime: null,
      releaseCause: null,
    };
    this.callsById.set(call.callId, call);
    let mine = this.callsByUser.get(userId);
    if (mine === undefined) this.callsByUser.set(userId, (mine = new Set()));
    mine.add(call.callId);
    return call;
  }

  private link(a: Call, b: Call): void {
    a.peerCallId = b.callId;
    b.peerCallId = a.callId;
  }

  private unlink(call: Call): void {
    call.peerCallId = null;
  }

  private peerOf(call: Call): Call | undefined {
    const peer = call.peerCallId === null ? undefined : this.callsById.get(call.peerCallId);
    return peer && peer.peerCallId === call.callId ? peer : undefined;
  }

  private setState(call: Call, state: CallState): void {
    if (call.state === state) return;
    call.state = state;
    this.emitUpdated(call, 'state');
  }

  private record(userId: string, callId: string, from: Call['recording'][], to: Call['recording']): Call {
    const call = this.ownCall(userId, callId);
    if (call.state === 'Alerting') throw new TelephonyError('INVALID_STATE', 'cannot record a ringing call');
    if (!from.includes(call.recording)) {
      throw new TelephonyError('INVALID_STATE', `recording is ${call.recording}, cannot go to ${to}`);
    }
    call.recording = to;
    this.emitUpdated(call, 'recording');
    return snapshot(call);
  }

  private releaseLeg(call: Call, cause: string): void {
    if (!this.callsById.has(call.callId)) return;
    this.callsById.delete(call.callId);
    const mine = this.callsByUser.get(call.userId);
    mine?.delete(call.callId);
    if (mine?.size === 0) this.callsByUser.delete(call.userId);
    call.state = 'Released';
    call.releaseTime = this.now();
    call.releaseCause = cause;
    if (call.recording === 'Started' || call.recording === 'Paused') call.recording = 'Stopped';
    this.events.emit({ type: 'call-released', userId: call.userId, call: snapshot(call) });
  }

  private emitAdded(call: Call): void {
    this.events.emit({ type: 'call-added', userId: call.userId, call: snapshot(call) });
  }

  private emitUpdated(call: Call, change: 'state' | 'remote' | 'recording'): void {
    this.events.emit({ type: 'call-updated', userId: call.userId, call: snapshot(call), change });
  }
}

// PROJECT (cti-xsi.md §4.4): the public XSI has no report endpoint, so the lab defines one and
// derives its statistics from the ACD and agent activity of the lab telephony:
//   GET /com.broadsoft.xsi-actions/v2.0/callcenter/<callCenterId>/report?from=<epoch ms>&to=<epoch ms>
// → <CallCenterReport xmlns="http://schema.broadsoft.com/xsi"> (codecs/xsi/call-center-report.ts; or
// JSON with ?format=json). This file keeps the statistics; the document is the codec's.
import type { CallCenterReport } from '../../codecs/xsi/call-center-report.ts';
import type { LabTelephony, TelephonyEvent } from '../telephony/index.ts';

interface QueueRecord {
  callCenterId: string;
  addedAt: number;
  removedAt?: number;
  outcome?: 'Abandoned' | 'Distributed' | 'Removed';
}
interface AgentCall {
  callCenterId: string;
  agentId: string;
  answeredAt: number;
  releasedAt?: number;
}

export class CallCenterStats {
  private readonly queue = new Map<string, QueueRecord>();
  private readonly agentCalls = new Map<string, AgentCall>();
  private readonly stop: () => void;

  constructor(private readonly telephony: LabTelephony, private readonly now: () => number) {
    this.stop = telephony.on((event) => this.record(event));
  }

  dispose(): void {
    this.stop();
  }

  private record(event: TelephonyEvent): void {
    const at = this.now();
    if (event.type === 'queue-entry-added') this.queue.set(event.entry.entryId, { callCenterId: event.callCenterId, addedAt: event.entry.enteredAt });
    if (event.type === 'queue-entry-removed') {
      const r = this.queue.get(event.entry.entryId);
      if (r) Object.assign(r, { removedAt: at, outcome: event.reason });
    }
    if (event.type === 'call-updated' && event.call.callCenterId && event.call.state === 'Active' && !this.agentCalls.has(event.call.callId))
      this.agentCalls.set(event.call.callId, { callCenterId: event.call.callCenterId, agentId: event.userId, answeredAt: event.call.answerTime ?? at });
    if (event.type === 'call-released') {
      const c = this.agentCalls.get(event.call.callId);
      if (c) c.releasedAt = event.call.releaseTime ?? at;
    }
  }

  report(callCenterId: string, from: number, to: number): CallCenterReport {
    const now = this.now();
    const inWindow = (t: number) => t >= from && t <= to;
    const entries = [...this.queue.values()].filter((r) => r.callCenterId === callCenterId && inWindow(r.addedAt));
    const waits = entries.map((r) => ((r.removedAt ?? now) - r.addedAt) / 1000);
    const calls = [...this.agentCalls.values()].filter((c) => c.callCenterId === callCenterId && inWindow(c.answeredAt));
    const talk = (c: AgentCall) => ((c.releasedAt ?? now) - c.answeredAt) / 1000;
    const handled = calls.filter((c) => c.releasedAt !== undefined);
    const agents = this.telephony.agentsOf(callCenterId);
    const round = (n: number) => Math.round(n);
    return {
      callCenterId,
      from,
      to,
      queue: {
        callsReceived: entries.length,
        callsAnswered: entries.filter((r) => r.outcome === 'Distributed').length,
        callsAbandoned: entries.filter((r) => r.outcome === 'Abandoned').length,
        callsInQueue: entries.filter((r) => r.removedAt === undefined).length,
        averageWaitSeconds: waits.length ? round(waits.reduce((a, b) => a + b, 0) / waits.length) : 0,
        longestWaitSeconds: waits.length ? round(Math.max(...waits)) : 0,
        averageHandlingSeconds: handled.length ? round(handled.reduce((a, c) => a + talk(c), 0) / handled.length) : 0,
      },
      agents: agents.map((a) => {
        const mine = calls.filter((c) => c.agentId === a.userId);
        return { userId: a.userId, state: a.agentState, callsAnswered: mine.length, talkSeconds: round(mine.reduce((s, c) => s + talk(c), 0)) };
      }),
    };
  }
}

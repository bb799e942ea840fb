// XSI-Events (cti-xsi.md §3): the streaming channel (chunked, each chunk one complete document with
// its declaration), subscriptions, heartbeats that write ChannelHeartBeat on the stream, event
// acknowledgements, refresh and delete.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeXsiChunk, type XsiDocument } from '../../codecs/xsi/documents.ts';
import { readDocument, versionsDocument } from './actions-routes.ts';
import { channelOptionsOf, grantExpires, type XsiEventHub } from './event-hub.ts';
import { isEventPackage } from './event-packages.ts';
import { sendDocument, sendError, sendXml, XML_CONTENT_TYPE } from './http-io.ts';

/** channelId → the open stream that carries it. */
export type ChannelStreams = Map<string, ServerResponse>;

/**
 * cti-xsi.md §3.1: the client heartbeats every eventTimeout/2; a channel that stays silent for
 * eventTimeout is ended with NonResponsiveChannel. One timer per channel, re-armed by heartbeats.
 */
export class ChannelLiveness {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  constructor(private readonly hub: XsiEventHub, private readonly eventTimeoutMs: number | undefined) {}

  arm(channelId: string): void {
    if (this.eventTimeoutMs === undefined) return;
    clearTimeout(this.timers.get(channelId));
    const timer = setTimeout(() => {
      this.timers.delete(channelId);
      this.hub.removeChannel(channelId, 'NonResponsiveChannel');
    }, this.eventTimeoutMs);
    timer.unref();
    this.timers.set(channelId, timer);
  }

  disarm(channelId: string): void {
    clearTimeout(this.timers.get(channelId));
    this.timers.delete(channelId);
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

function writeChunk(res: ServerResponse, doc: XsiDocument): void {
  const chunk = encodeXsiChunk(doc);
  if (!chunk.ok) throw chunk.error;
  if (!res.writableEnded && !res.destroyed) res.write(chunk.value);
}

/** POST /com.broadsoft.async/com.broadsoft.xsi-events/v2.0/channel */
export async function openChannel(req: IncomingMessage, res: ServerResponse, hub: XsiEventHub, streams: ChannelStreams, liveness: ChannelLiveness, userId: string): Promise<void> {
  const doc = await readDocument(req);
  const body = doc?.root === 'Channel' ? doc.body : undefined;
  if (!body?.channelSetId) return sendError(res, 400, ' A Channel with channelSetId is required', 4003);
  const channel = hub.addChannel({
    subscriberId: userId,
    channelSetId: body.channelSetId,
    ...channelOptionsOf(body),
    deliver: (event) => writeChunk(res, { root: 'Event', event }),
    onTerminated: () => {
      streams.delete(channel.channelId);
      liveness.disarm(channel.channelId);
      res.end();
    },
  });
  streams.set(channel.channelId, res);
  // FACT §3.2: chunked, the connection stays open; the first chunk is the Channel.
  res.writeHead(200, { 'content-type': XML_CONTENT_TYPE, 'transfer-encoding': 'chunked' });
  writeChunk(res, { root: 'Channel', body: { channelId: channel.channelId, expires: grantExpires(body.expires) } });
  liveness.arm(channel.channelId);
  res.on('close', () => {
    streams.delete(channel.channelId);
    liveness.disarm(channel.channelId);
    hub.dropChannel(channel.channelId);
  });
}

/** Everything under /com.broadsoft.xsi-events/v2.0 except opening the stream. */
export async function handleEvents(req: IncomingMessage, res: ServerResponse, hub: XsiEventHub, streams: ChannelStreams, liveness: ChannelLiveness, userId: string, segs: string[], release: string): Promise<void> {
  const l = segs.map((s) => s.toLowerCase());
  const m = req.method ?? 'GET';
  const is = (...pattern: string[]) => pattern.length === l.length && pattern.every((p, i) => p === '*' || p === l[i]);
  const notFound = () => sendError(res, 404, ' The requested resource was not found', 4008);

  if (is('versions') && m === 'GET') return sendDocument(res, 200, versionsDocument(release));
  if (is('channel', 'eventresponse') && m === 'POST') {
    const doc = await readDocument(req);
    if (doc?.root !== 'EventResponse') return sendError(res, 400, ' An EventResponse is required', 4003);
    hub.acknowledge(doc.body.eventID, doc.body.statusCode);
    return sendXml(res, 200);
  }
  if (is('channel', '*', 'heartbeat') && m === 'PUT') {
    const stream = streams.get(segs[1]!);
    // §3.1: a heartbeat answered 404 means the channel is gone → the client recreates it.
    if (!stream || hub.channel(segs[1]!)?.subscriberId !== userId) return notFound();
    liveness.arm(segs[1]!);
    writeChunk(stream, { root: 'ChannelHeartBeat', body: {} });
    return sendXml(res, 200);
  }
  if (is('channel', '*') && m === 'PUT') {
    const doc = await readDocument(req);
    const granted = hub.refreshChannel(segs[1]!, userId, doc?.root === 'Channel' ? doc.body.expires : undefined);
    return granted === undefined ? notFound() : sendDocument(res, 200, { root: 'Channel', body: { channelId: segs[1]!, expires: granted } });
  }
  if (is('channel', '*') && m === 'DELETE') {
    if (hub.channel(segs[1]!)?.subscriberId !== userId) return notFound();
    hub.removeChannel(segs[1]!, 'ExplicitDelete');
    return sendXml(res, 200);
  }
  if ((is('user', '*') || is('user', '*', 'subscription')) && m === 'POST') {
    const doc = await readDocument(req);
    const body = doc?.root === 'Subscription' ? doc.body : undefined;
    if (!body || !isEventPackage(body.event) || !body.channelSetId) return sendError(res, 400, ' A Subscription with event and channelSetId is required', 4003);
    const sub = hub.subscribe({
      subscriberId: userId,
      targetId: segs[1]!,
      package: body.event,
      channelSetId: body.channelSetId,
      applicationId: body.applicationId ?? 'unknown',
      ...(body.expires !== undefined ? { expires: body.expires } : {}),
    });
    if ('status' in sub) return sendError(res, sub.status, sub.summary, sub.status === 404 ? 4008 : 4410);
    sendDocument(res, 200, { root: 'Subscription', body: { subscriptionId: sub.subscriptionId, expires: grantExpires(body.expires) } });
    hub.sendInitialEvent(sub);
    return;
  }
  if ((is('subscription', '*') || is('subscriptions', '*')) && m === 'PUT') {
    const doc = await readDocument(req);
    const granted = hub.refreshSubscription(segs[1]!, userId, doc?.root === 'Subscription' ? doc.body.expires : undefined);
    return granted === undefined ? notFound() : sendDocument(res, 200, { root: 'Subscription', body: { subscriptionId: segs[1]!, expires: granted } });
  }
  if ((is('subscription', '*') || is('subscriptions', '*')) && m === 'DELETE') return hub.unsubscribe(segs[1]!, userId) ? sendXml(res, 200) : notFound();
  return notFound();
}

// The portal's small admin JSON API (issue 4): read effective settings, save at a level (a refused
// save answers 4xx with the reason and changes nothing), list licenses, set the license policy,
// apply faults. Lab-only, loopback-only; the actor is named in the body (a ticket or an admin).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseLabFault, LabFaultError, type LabFault } from '../net/faults.ts';
import type { LicensePolicy } from './hierarchy.ts';
import { readBody } from './https-lab-server.ts';
import type { PortalStore } from './portal-store.ts';
import type { PortalActor, SaveRefusalCode } from './save-rules.ts';

export type AdminFaultTarget = (server: string, fault: LabFault) => Promise<void>;

const REFUSAL_STATUS: Partial<Record<SaveRefusalCode, number>> = { TICKET_REQUIRED: 403, OUT_OF_SCOPE: 403, UNKNOWN_LEVEL: 404 };

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const isActor = (a: unknown): a is PortalActor =>
  typeof a === 'object' && a !== null &&
  (((a as PortalActor).kind === 'ticket' && typeof (a as { ticketId?: unknown }).ticketId === 'string') ||
    ((a as PortalActor).kind === 'administrator' && typeof (a as { nodeId?: unknown }).nodeId === 'string'));

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, store: PortalStore, applyFault: AdminFaultTarget): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://portal');
  const path = url.pathname.replace(/\/+$/, '');
  let body: unknown = undefined;
  if (req.method === 'POST' || req.method === 'PUT') {
    const raw = await readBody(req, 64 * 1024);
    if (raw === null) return sendJson(res, 413, { error: 'body too large' });
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
  }
  const b = (body ?? {}) as Record<string, unknown>;

  if (req.method === 'GET' && path === '/admin/levels') {
    return sendJson(res, 200, {
      levels: [...store.state.nodes.values()].map((n) => ({ id: n.id, kind: n.kind, name: n.name, parentId: n.parentId, settings: Object.fromEntries(n.settings) })),
    });
  }
  if (req.method === 'GET' && path === '/admin/settings') {
    const level = url.searchParams.get('level') ?? '';
    const settings = store.effective(level);
    if (!settings) return sendJson(res, 404, { error: 'unknown level' });
    return sendJson(res, 200, { level, settings });
  }
  if (req.method === 'POST' && path === '/admin/settings') {
    if (!isActor(b.actor) || typeof b.level !== 'string' || typeof b.changes !== 'object' || b.changes === null)
      return sendJson(res, 400, { error: 'expected { actor: {kind:"ticket",ticketId}|{kind:"administrator",nodeId}, level, changes }' });
    const result = store.save({ actor: b.actor, nodeId: b.level, changes: b.changes as Record<string, never> });
    if (!result.ok) return sendJson(res, REFUSAL_STATUS[result.refusal.code] ?? 422, { saved: false, refusal: result.refusal });
    return sendJson(res, 200, { saved: true, changedLevels: result.changedNodes });
  }
  if (req.method === 'GET' && path === '/admin/licenses') {
    return sendJson(res, 200, { licenses: [...store.state.licenses.values()] });
  }
  if (req.method === 'PUT' && path === '/admin/license-policy') {
    const systemId = typeof b.systemProvider === 'string' ? b.systemProvider : [...store.state.systems.keys()][0];
    const policy = b.policy as LicensePolicy | undefined;
    if (!systemId || !store.state.systems.has(systemId)) return sendJson(res, 404, { error: 'unknown system provider' });
    if (!policy || !['Licensed', 'Trial', 'Expired', 'Unlicensed'].includes(policy.status) || typeof policy.features !== 'object')
      return sendJson(res, 400, { error: 'expected { policy: { status, trialDaysLeft?, features: {imp,xmpp,callCenter,reception} } }' });
    store.setLicensePolicy(systemId, policy);
    return sendJson(res, 200, { systemProvider: systemId, policy });
  }
  if (req.method === 'POST' && path === '/admin/fault') {
    let fault: LabFault;
    try {
      fault = parseLabFault(b.fault);
    } catch (error) {
      if (error instanceof LabFaultError) return sendJson(res, 400, { error: error.message });
      throw error;
    }
    const server = typeof b.server === 'string' ? b.server : 'portal';
    // Answer first: a fault on the portal itself may cut this very connection.
    await new Promise<void>((resolve) => {
      res.once('finish', resolve);
      res.once('close', resolve);
      sendJson(res, 202, { server, fault });
    });
    await applyFault(server, fault);
    return;
  }
  return sendJson(res, 404, { error: 'no such admin endpoint' });
}

// Start-up as plain lines, one per step as it happens (seed §1.1's order), then the live state of
// every connection. Rendered from the event log entries, so it shows exactly what the log holds.
import type { LogEntry, ClientSnapshot } from '../../client/index.ts';

const LABEL: Record<string, string> = { oci: 'OCI', cap: 'CAP', cti: 'CTI', imp: 'Kakapo IM&P', xmpp: 'XMPP' };

function effectLine(from: string, effect: Record<string, unknown> & { type: string }): string | null {
  switch (effect.type) {
    case 'effect.fetchBranding':
      return effect['by'] === 'loginId'
        ? `branding: asking the Kakapo portal for ${String(effect['loginId'])}'s branding`
        : `branding: asking the Kakapo portal for the system provider of ${String(effect['serverHost'])}`;
    case 'effect.fetchProfile':
      return 'profile: reading the BroadWorks release and the user profile over OCI';
    case 'effect.requestLicense':
      return `license: requesting a license from the Kakapo portal (server ${String(effect['serverHost'])})`;
    case 'effect.connect':
      return `${LABEL[from] ?? from}: connecting to ${String(effect['host'])}:${String(effect['port'])}${Number(effect['attempt']) > 1 ? ` (attempt ${String(effect['attempt'])})` : ''}`;
    case 'effect.secure':
      return `${LABEL[from] ?? from}: securing with ${String(effect['version'])} (certificate name ${String(effect['servername'])})`;
    case 'effect.authenticate':
      return `${LABEL[from] ?? from}: ${from === 'cap' ? 'registering' : 'logging in'}`;
    default:
      return null;
  }
}

function eventLine(entry: LogEntry): string | null {
  const e = entry.event as Record<string, unknown> & { type: string };
  const who = LABEL[entry.target] ?? entry.target;
  switch (e.type) {
    case 'BRANDING.LOADED':
      return `branding: loaded (${String((e['branding'] as { level?: string }).level)} level)`;
    case 'BRANDING.NOT_FOUND':
      return 'branding: the portal does not know this user yet';
    case 'PROFILE.LOADED': {
      const p = e['profile'] as { firstName: string; lastName: string; groupId: string };
      return `profile: BroadWorks ${String(e['release'])}, ${p.firstName} ${p.lastName} (group ${p.groupId})`;
    }
    case 'LICENSE.LOADED': {
      const l = e['license'] as { status: string; features: Record<string, boolean> };
      const features = Object.entries(l.features).filter(([, on]) => on).map(([k]) => k);
      return `license: ${l.status}${features.length ? ` (${features.join(', ')})` : ''}`;
    }
    case 'TLS.SECURED':
      return `${who}: secured (${String(e['version'])})`;
    case 'AUTH.OK':
      return `${who}: online`;
    case 'TRANSPORT.DROPPED':
      return `${who}: connection lost: ${String((e['failure'] as { message?: string }).message)}`;
    case 'SESSION.ENDED':
      return `${who}: session ended by the server: ${String(e['reason'])}`;
    default:
      return null;
  }
}

export function stepLines(entry: LogEntry): string[] {
  const lines: string[] = [];
  const event = eventLine(entry);
  if (event !== null) lines.push(event);
  for (const { from, effect } of entry.effects ?? []) {
    const line = effectLine(from, effect);
    if (line !== null) lines.push(line);
  }
  return lines;
}

export function connectionsLine(snapshot: ClientSnapshot): string {
  const parts = Object.entries(snapshot.connections).map(
    ([name, c]) => `${name} ${c!.state} ${c!.host}:${c!.port}${c!.tls ? ` ${c!.tls}` : ''}`,
  );
  return `connections: ${parts.join(' | ') || '(none)'}`;
}

export function outcomeLine(snapshot: ClientSnapshot): string {
  if (snapshot.outcome === 'ready') {
    return `ready: BroadWorks ${snapshot.release ?? '?'}, call control over ${snapshot.callControl ?? '?'}`;
  }
  return `stopped (${snapshot.step}): ${snapshot.stop?.reason ?? 'start-up did not finish'}`;
}

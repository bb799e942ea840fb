// JIDs (RFC 7622) as far as a client needs them: the user's bare JID `local@domain`, whose domain
// is both the stream's `to` and the TLS server name (protocols/xmpp.md step 1).
export interface BareJid {
  local: string;
  domain: string;
}

export function parseBareJid(jid: string): BareJid {
  const match = /^([^@/\s"&'<>:]+)@([a-z0-9.-]+)$/i.exec(jid.trim());
  if (match === null) throw new Error(`not a bare JID (local@domain): ${jid}`);
  return { local: match[1] as string, domain: (match[2] as string).toLowerCase() };
}

export function bareOf(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
}

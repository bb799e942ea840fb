// Recognises the start of a TLS record (RFC 8446 §5.1): content type 20–23, then legacy version
// major 3, minor 0–4. A plain-text protocol (OCI, CTI, KEMP, XMPP all start with text) never does.
export function looksLikeTlsRecord(bytes: Uint8Array): boolean {
  const type = bytes[0];
  if (type === undefined || type < 0x14 || type > 0x17) return false;
  const major = bytes[1];
  if (major !== undefined && major !== 0x03) return false;
  const minor = bytes[2];
  return minor === undefined || minor <= 0x04;
}

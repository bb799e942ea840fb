// ISO-8859-1 by hand: WHATWG TextDecoder maps the labels "latin1"/"iso-8859-1" to windows-1252,
// which decodes 0x80–0x9F differently, so it cannot be used for a faithful ISO-8859-1 decode.

const win1252 = new TextDecoder('windows-1252');

/**
 * @example
 * decodeLatin1(new Uint8Array([0x63, 0x61, 0x66, 0xe9])); // 'café'
 */
export function decodeLatin1(bytes: Uint8Array): string {
  // windows-1252 equals ISO-8859-1 outside 0x80–0x9F; use the native decoder when that range is absent.
  let c1 = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0x80 && b <= 0x9f) {
      c1 = true;
      break;
    }
  }
  if (!c1) return win1252.decode(bytes);
  let out = '';
  const step = 0x2000;
  for (let i = 0; i < bytes.length; i += step) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + step) as unknown as number[]);
  }
  return out;
}

/**
 * Encodes to ISO-8859-1; characters above U+00FF become numeric character references.
 *
 * @example
 * encodeLatin1('café'); // Uint8Array [0x63, 0x61, 0x66, 0xe9]
 */
export function encodeLatin1(text: string): Uint8Array {
  let extra = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) extra++;
  if (extra === 0) {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  const parts: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp <= 0xff) parts.push(cp);
    else for (const r of `&#${cp};`) parts.push(r.charCodeAt(0));
  }
  return Uint8Array.from(parts);
}

// oci-p.md §5.1 (FACT): signedPassword = lowerhex(MD5(nonce + ":" + lowerhex(SHA1(password)))),
// hashes over the UTF-8 bytes. CAP's securePassword uses the same recipe (cap.md §3).
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * @example
 * ociSignedPassword(nonce, password); // lowerhex(MD5(nonce + ':' + lowerhex(SHA1(password)))), as BroadWorks OCI-P asks
 */
export function ociSignedPassword(nonce: string, password: string): string {
  const sha1Hex = bytesToHex(sha1(utf8ToBytes(password)));
  return bytesToHex(md5(utf8ToBytes(nonce + ':' + sha1Hex)));
}

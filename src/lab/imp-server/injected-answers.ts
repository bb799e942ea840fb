// The bad answers of the `answer` fault for the Kakapo IM&P server (lab/net/faults.ts): what the lab
// writes instead of its answer to REGISTER. One KEMP response frame with the request's Seq
// (kakapo.md §3.1); bodies are sealed with the session's key like real answers (AAD = REGISTER),
// so the client's readers past the cipher are what is tested.
import type { EnvelopeCipher } from '../../codecs/kakapo/cipher.ts';
import { encodeKempFrame, type KempResponse } from '../../codecs/kakapo/kemp-frame.ts';
import { LAB_OVERSIZE_ANSWER_BYTES, type LabAnswerKind } from '../net/faults.ts';

const utf8 = new TextEncoder();

export interface KempSealing {
  cipher: EnvelopeCipher;
  keyId: string;
  nonce: () => Uint8Array;
}

function sealed(seq: number, plaintext: string, sealing: KempSealing): KempResponse {
  const nonce = sealing.nonce();
  const body = sealing.cipher.seal({ keyId: sealing.keyId, nonce, aad: 'REGISTER', plaintext: utf8.encode(plaintext) });
  if (!body.ok) throw body.error;
  return { kind: 'response', seq, status: 200, reason: 'OK', keyId: sealing.keyId, nonce, body: body.value };
}

/** The bytes that answer REGISTER number `seq` under the fault `kind`. */
export function injectedKempAnswer(kind: LabAnswerKind, seq: number, sealing: KempSealing): Uint8Array {
  let frame: KempResponse;
  switch (kind) {
    case 'server-error':
      frame = { kind: 'response', seq, status: 503, reason: 'Service Unavailable', body: new Uint8Array(0) };
      break;
    case 'garbled':
      frame = sealed(seq, '<registered sessionId="lab"><oops></registered>', sealing);
      break;
    case 'doctype':
      frame = sealed(seq, '<!DOCTYPE registered [<!ENTITY lab "lab">]><registered sessionId="&lab;"/>', sealing);
      break;
    case 'unexpected':
      // A well-formed body of the wrong kind: a BYE's where the registration belongs.
      frame = sealed(seq, '<bye reason="lab"/>', sealing);
      break;
    case 'oversize':
      // Above the body limit of kakapo.md §3.1 (1 MiB) and every other client limit.
      frame = { kind: 'response', seq, status: 200, reason: 'OK', keyId: sealing.keyId, nonce: sealing.nonce(), body: new Uint8Array(LAB_OVERSIZE_ANSWER_BYTES) };
      break;
  }
  const bytes = encodeKempFrame(frame, { maxHeaderBytes: 8 * 1024, maxBodyBytes: 2 * LAB_OVERSIZE_ANSWER_BYTES });
  if (!bytes.ok) throw bytes.error;
  return bytes.value;
}

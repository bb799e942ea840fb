// Maps a Node socket error on a plain (or already secured) connection to a NetFailure kind.
import { messages, type Where } from './failure-messages.ts';
import { netFailure, type NetFailure } from './net-failure.ts';
import { nodeErrorFacts } from './node-error.ts';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ENETRESET']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);
// Unreachable networks look like a firewall drop to the person at the desk (seed §5.1).
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);

export function classifySocketError(error: unknown, where: Where): NetFailure {
  const { code, message } = nodeErrorFacts(error);
  if (code === 'ECONNREFUSED') return netFailure('refused', where, messages.refused(where), code);
  if (code !== undefined && DNS_CODES.has(code)) return netFailure('dns', where, messages.dns(where, code), code);
  if (code !== undefined && (TIMEOUT_CODES.has(code) || UNREACHABLE_CODES.has(code))) {
    return netFailure('timeout', where, messages.unreachable(where), code);
  }
  if (code !== undefined && RESET_CODES.has(code)) return netFailure('reset', where, messages.reset(where), code);
  if (code !== undefined && code.startsWith('ERR_SSL_')) {
    return netFailure('tls-alert', where, messages.tlsAlert(where, message.split('\n')[0] ?? code), code);
  }
  return netFailure('reset', where, messages.reset(where), code ?? message);
}

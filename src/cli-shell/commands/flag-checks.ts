// Checks of the flag values the commands share, made before anything starts (no lab, no socket, no
// password prompt): a wrong value is a usage error (exit 2) that says what is expected.
// `--portal` is the Kakapo portal's HTTPS base URL; `--ca` a PEM file of CA certificates (RFC 7468
// textual encoding, what Node's TLS `ca` option takes); `--host-map` names → IP addresses, as a JSON
// object (what `lab --json` prints as hostMap) or `name=ip,name=ip`.
import { X509Certificate } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { dirname } from 'node:path';
import { checkCallRate, CallRateError, listScenarios, MAX_MONITORED_USERS } from '../../lab/index.ts';
import { UsageError } from './cli-args.ts';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----\r?\n[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * `--portal URL`: an https URL with a host (a path is kept: the SOAP path is appended when absent).
 *
 * @example
 * checkPortalUrl('https://portal.example.com:8443'); // → the same text
 */
export function checkPortalUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--portal needs an https:// URL, not "${text}"`);
  }
  if (url.protocol !== 'https:' || url.hostname === '') throw new UsageError(`--portal needs an https:// URL, not "${text}"`);
  if (url.username !== '' || url.password !== '') throw new UsageError('--portal takes no user name or password in the URL');
  return text;
}

/**
 * `--ca FILE`: its PEM text, which must hold at least one certificate, every one of them readable.
 *
 * @example
 * const ca = [await readCaFile('lab-ca.pem')]; // UnityClientConfig.ca
 */
export async function readCaFile(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--ca: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new UsageError(`--ca: ${file} is not a PEM certificate file (no "-----BEGIN CERTIFICATE-----" block)`);
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch {
      throw new UsageError(`--ca: certificate ${i + 1} in ${file} cannot be read (damaged PEM)`);
    }
  });
  return text;
}

/**
 * `--host-map`: the JSON object `{"ocs.example.com":"10.0.0.5"}` or `ocs.example.com=10.0.0.5,…`;
 * every value an IPv4 or IPv6 address.
 *
 * @example
 * parseHostMap('{"ocs.lab.test":"127.0.0.1"}'); // { 'ocs.lab.test': '127.0.0.1' }
 */
export function parseHostMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  if (/^\s*[[{]/.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UsageError('--host-map is not valid JSON; give an object of host name to IP address, e.g. {"ocs.example.com":"10.0.0.5"}');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError('--host-map must be a JSON object of host name to IP address');
    for (const [name, address] of Object.entries(parsed)) {
      if (typeof address !== 'string') throw new UsageError(`--host-map: the address of "${name}" must be a string`);
      map[name] = address;
    }
  } else {
    for (const pair of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--host-map: "${pair}" is not name=ip`);
      map[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  for (const [name, address] of Object.entries(map)) {
    if (name.trim() === '') throw new UsageError('--host-map: a host name is empty');
    if (isIP(address) === 0) throw new UsageError(`--host-map: "${address}" (for ${name}) is not an IP address`);
  }
  return map;
}

/**
 * A file the command will write (`--log FILE`, `--ready-file FILE`): its directory exists and can
 * be written, and FILE is not a directory.
 *
 * @example
 * await checkOutputFile('--log', 'session.jsonl');
 */
export async function checkOutputFile(flag: string, file: string): Promise<void> {
  const dir = dirname(file);
  try {
    if (!(await stat(dir)).isDirectory()) throw new UsageError(`${flag}: ${dir} is not a directory`);
    await access(dir, constants.W_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${flag}: cannot write into ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new UsageError(`${flag}: ${file} is a directory`);
}

/**
 * `--scenario NAME`: one of the lab's scenarios.
 *
 * @example
 * checkScenario('cti-unreachable');
 */
export function checkScenario(name: string): string {
  const names = listScenarios().map((s) => s.name);
  if (!names.includes(name)) throw new UsageError(`--scenario: no lab scenario '${name}'; 'unity-connect lab --list' lists them: ${names.join(', ')}`);
  return name;
}

/**
 * `--users N`: how many users the lab puts on the first user's Busy Lamp Field list, 0 to 20,000.
 *
 * @example
 * checkMonitoredUsers('20000'); // 20000
 */
export function checkMonitoredUsers(text: string): number {
  const n = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n <= MAX_MONITORED_USERS))
    throw new UsageError(`--users needs a whole number of monitored users from 0 to ${MAX_MONITORED_USERS.toLocaleString('en-US')}, not '${text}'`);
  return n;
}

/**
 * `--calls-per-second N`: the rate of the lab's call activity, above 0 (a fraction is fine) and at
 * most 1,000.
 *
 * @example
 * checkCallsPerSecond('0.5'); // 0.5
 */
export function checkCallsPerSecond(text: string): number {
  const n = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  try {
    return checkCallRate({ callsPerSecond: n }).callsPerSecond;
  } catch (error) {
    if (!(error instanceof CallRateError)) throw error;
    throw new UsageError(`--calls-per-second needs a number of calls per second above 0 and at most 1,000 (such as 0.5 or 20), not '${text}'`);
  }
}

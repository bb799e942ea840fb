// `unity-connect doctor` (issue 6): checks every outbound connection the client needs (seed §5).
import { createHostMapResolver, createSystemResolver, renderReportLines, reportJson, runDoctor } from '../../client/index.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCliArgs, stringFlag, UsageError } from './cli-args.ts';
import { checkPortalUrl, parseHostMap, readCaFile } from './flag-checks.ts';
import { readPasswordLine } from './password-input.ts';

const USAGE = `usage: unity-connect doctor --server HOST [--portal URL] [--login ID [--password-stdin]]
                            [--release R] [--xmpp-domain DOMAIN] [--ca FILE]
                            [--host-map name=ip,...|JSON] [--timeout MS] [--json]
Checks every outbound connection Unity needs: the Kakapo portal, OCI, CTI, IM&P,
XMPP and XSI — TCP reachability, the TLS handshake with the configured name and version, TLS-only
ports reached in plain and the reverse, the certificate's name and expiry. Prints one line per
check with the firewall rule or Kakapo portal setting that fixes it; exits 1 when something is blocked.
Without a release, both CAP (OCI only) and CTI are checked; --release R, or --login with
--password-stdin (one OCI login reads the release and the XMPP domain), narrows it to that release.
`;

const SPEC = {
  '--server': true, '--portal': true, '--login': true, '--release': true, '--xmpp-domain': true,
  '--ca': true, '--host-map': true, '--timeout': true, '--json': false, '--password-stdin': false, '--help': false, '-h': false,
};

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(args, SPEC);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`unity-connect doctor: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (parsed.flags.has('--help') || parsed.flags.has('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const server = stringFlag(parsed, '--server');
  const timeoutText = stringFlag(parsed, '--timeout');
  const timeout = timeoutText === undefined ? 3000 : Number(timeoutText);
  if (server === undefined || parsed.positional.length > 0 || !Number.isInteger(timeout) || timeout <= 0) {
    io.stderr(`unity-connect doctor: ${server === undefined ? '--server HOST is required' : parsed.positional.length > 0 ? `unexpected argument ${parsed.positional[0]}` : '--timeout needs a positive number of milliseconds'}\n${USAGE}`);
    return 2;
  }
  let resolver;
  let ca: string[] = [];
  try {
    // The same checks as `connect` (flag-checks.ts), before any probe starts.
    const portal = stringFlag(parsed, '--portal');
    if (portal !== undefined) checkPortalUrl(portal);
    const hostMapText = stringFlag(parsed, '--host-map');
    resolver = createHostMapResolver(hostMapText ? parseHostMap(hostMapText) : {}, { fallback: createSystemResolver() });
    const caFile = stringFlag(parsed, '--ca');
    if (caFile !== undefined) ca = [await readCaFile(caFile)];
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`unity-connect doctor: ${error.message}\n${USAGE}`);
    return 2;
  }
  let password: (() => Promise<string>) | undefined;
  if (parsed.flags.has('--password-stdin')) {
    if (stringFlag(parsed, '--login') === undefined) {
      io.stderr(`unity-connect doctor: --password-stdin needs --login ID\n${USAGE}`);
      return 2;
    }
    const secret = await readPasswordLine(process.stdin);
    password = async () => secret;
  }
  const optional = (flag: string, key: string): Record<string, string> => {
    const v = stringFlag(parsed, flag);
    return v === undefined ? {} : { [key]: v };
  };
  const report = await runDoctor({
    serverHost: server, resolver, ca, ...(password ? { password } : {}),
    ...optional('--portal', 'portalUrl'), ...optional('--login', 'loginId'), ...optional('--release', 'release'), ...optional('--xmpp-domain', 'xmppDomain'),
    connectTimeoutMs: timeout, tlsTimeoutMs: timeout, tlsProbeTimeoutMs: Math.min(timeout, 1500),
  });
  io.stdout(parsed.flags.has('--json') ? `${reportJson(report)}\n` : `${renderReportLines(report).join('\n')}\n`);
  return report.blocked ? 1 : 0;
}

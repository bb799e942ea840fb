// A small flag parser shared by the session commands: `--flag`, `--flag VALUE`, `--flag=VALUE`, and
// positional words. Unknown flags are a usage error (exit 2), never silently ignored.
export class UsageError extends Error {}

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

/** `spec`: flag → whether it takes a value. */
export function parseCliArgs(args: readonly string[], spec: Record<string, boolean>): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const takesValue = spec[flag];
    if (takesValue === undefined) throw new UsageError(`unknown option ${flag}`);
    if (!takesValue) {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
      flags.set(flag, true);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    flags.set(flag, value);
  }
  return { flags, positional };
}

export function stringFlag(parsed: ParsedArgs, flag: string): string | undefined {
  const v = parsed.flags.get(flag);
  return typeof v === 'string' ? v : undefined;
}

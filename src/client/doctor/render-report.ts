// The doctor's table (one line per check, its fix under it) and its JSON form; pure.
import type { DoctorCheck } from './types.ts';

export interface DoctorReport {
  serverHost: string;
  portalUrl: string;
  release?: string;
  checks: DoctorCheck[];
  /** Something the client needs failed: the command exits non-zero. */
  blocked: boolean;
}

const LABEL = { ok: 'OK', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' } as const;

/**
 * @example
 * process.exitCode = isBlocked(report.checks) ? 1 : 0;
 */
export function isBlocked(checks: readonly DoctorCheck[]): boolean {
  return checks.some((c) => c.status === 'fail');
}

/**
 * @example
 * console.log(renderReportLines(await runDoctor({ serverHost: 'ocs.example.com' })).join('\n'));
 */
export function renderReportLines(report: DoctorReport): string[] {
  const rows = report.checks;
  const w = {
    conn: Math.max(10, ...rows.map((c) => c.connection.length)),
    target: Math.max(6, ...rows.map((c) => c.target.length)),
    rule: Math.max(4, ...rows.map((c) => c.rule.length)),
  };
  const lines = [
    `unity-connect doctor — server ${report.serverHost}, portal ${report.portalUrl}${report.release ? `, release ${report.release}` : ''}`,
    `${'STATUS'.padEnd(6)} ${'CONNECTION'.padEnd(w.conn)} ${'TARGET'.padEnd(w.target)} ${'RULE'.padEnd(w.rule)} RESULT`,
  ];
  for (const c of rows) {
    lines.push(`${LABEL[c.status].padEnd(6)} ${c.connection.padEnd(w.conn)} ${c.target.padEnd(w.target)} ${c.rule.padEnd(w.rule)} ${c.detail}`);
    if (c.advice) lines.push(`${' '.repeat(7)}fix: ${c.advice}`);
  }
  const needed = new Map<string, string>();
  for (const c of rows) if (c.appliesTo && !needed.has(c.connection)) needed.set(c.connection, c.appliesTo);
  if (needed.size > 0) {
    lines.push('', 'needed by:');
    for (const [connection, appliesTo] of needed) lines.push(`  ${connection.padEnd(w.conn)} ${appliesTo}`);
  }
  const failed = rows.filter((c) => c.status === 'fail').length;
  const warned = rows.filter((c) => c.status === 'warn').length;
  lines.push('', report.blocked ? `BLOCKED: ${failed} check(s) failed, ${warned} warning(s).` : `All needed connections OK (${warned} warning(s)).`);
  return lines;
}

/**
 * @example
 * process.stdout.write(`${reportJson(report)}\n`);
 */
export function reportJson(report: DoctorReport): string {
  return JSON.stringify(report);
}

// doctor (issue 6): seed §5 troubleshooting as a tool.
export { runDoctor, DEFAULT_PORTAL, type DoctorOptions } from './run-doctor.ts';
export { renderReportLines, reportJson, isBlocked, type DoctorReport } from './render-report.ts';
export { connectionRules, SEED_DEFAULT_CONNECTIVITY, type RulesInput, type RulesOutcome } from './connection-rules.ts';
export { diagnose, EXPIRY_WARNING_DAYS } from './diagnose.ts';
export { probeRule, type ProbeNet } from './probe-rule.ts';
export type { ConnectionRule, DoctorCheck, ProbeResult, CheckStatus } from './types.ts';

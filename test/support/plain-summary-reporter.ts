import type { Reporter, TestModule } from 'vitest/node';
import './system-programs.ts'; // the TaskMeta field `needsSystemProgram`

/**
 * Prints one plain line `N passed, N failed, N skipped` counted from the real test results, after
 * one line per missing system program naming it, its install command and the tests it skipped
 * (`skipped: 26 tests in 3 files: needs Prosody (apt-get install prosody)`).
 * CI does not recognise Vitest's own summary line, so this is the line it reads.
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const missing = new Map<string, { tests: number; files: Set<string> }>();
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else {
          skipped++;
          const reason = test.meta().needsSystemProgram; // a suite's meta reaches its tests
          if (reason !== undefined) {
            const entry = missing.get(reason) ?? { tests: 0, files: new Set<string>() };
            entry.tests++;
            entry.files.add(mod.moduleId);
            missing.set(reason, entry);
          }
        }
      }
      // A file that failed to load has no tests; count it as a failure so it cannot hide.
      if (mod.state() === 'failed' && ![...mod.children.allTests()].some((t) => t.result().state === 'failed')) failed++;
    }
    failed += unhandledErrors.length;
    let out = '\n';
    for (const [reason, { tests, files }] of missing) {
      out += `skipped: ${tests} test${tests === 1 ? '' : 's'} in ${files.size} file${files.size === 1 ? '' : 's'}: ${reason}\n`;
    }
    process.stdout.write(`${out}${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}


/**
 * Ends a test run with one plain line, `tests: N passed, N failed, N skipped`, that any CI log
 * reader understands without knowing vitest's own summary format. "Failed" counts the tests that
 * failed and every other failure that fails the run: a file or a suite that failed outside its
 * tests (a file that could not be loaded; a `beforeAll` hook that threw, after which vitest skips
 * the tests it holds; an `afterAll` hook that threw, also after a test of it failed), each named
 * after the counts, and each error vitest caught outside any test (an unhandled rejection). A
 * failed run never reads "0 failed" (tests/unit/plain-summary.test.ts).
 */
import type { Reporter, SerializedError, TestModule, TestSuite } from "vitest/node";

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failedTests = 0;
    let skipped = 0;
    const failedOutsideTests: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failedTests++;
        else skipped++;
      }
      for (const entity of [module, ...module.children.allSuites()]) {
        if (failedByItself(entity)) failedOutsideTests.push(entity.type === "module" ? entity.relativeModuleId : `${entity.module.relativeModuleId} > ${entity.fullName}`);
      }
    }
    const failed = failedTests + failedOutsideTests.length + unhandledErrors.length;
    const details = [
      ...(failedOutsideTests.length === 0 ? [] : [`${failedOutsideTests.length} outside a test (loading the file or a hook): ${failedOutsideTests.sort().join(", ")}`]),
      ...(unhandledErrors.length === 0 ? [] : [`${unhandledErrors.length} unhandled ${unhandledErrors.length === 1 ? "error" : "errors"}: ${unhandledErrors.map(oneLine).join("; ")}`]),
    ];
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped${details.length === 0 ? "" : ` (of the failures, ${details.join("; ")})`}\n`);
  }
}

/**
 * Failed by itself: errors of its own, which vitest keeps on the file or suite apart from its
 * tests' (the file's loading, its hooks; vitest 4.1 `SuiteImplementation.errors()`, the task's
 * `result.errors`). A suite that failed only because a test in it failed has none.
 */
function failedByItself(entity: TestModule | TestSuite): boolean {
  return entity.errors().length > 0;
}

/** An unhandled error's message on one line (a rejection with a non-error value has none: its name, or "(no message)"). */
function oneLine(error: SerializedError): string {
  const text = String(error.message || error.name || "").replace(/\s+/g, " ").trim();
  return text === "" ? "(no message)" : text;
}

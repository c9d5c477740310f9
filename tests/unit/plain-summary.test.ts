/**
 * The plain summary line at the end of a run counts as failed every failure that fails the run,
 * and names those outside a test: a `beforeAll` that throws makes vitest skip the suite's tests,
 * a file that cannot be loaded has none, and a rejection nobody handles belongs to no test, so
 * counting failed tests alone would read "0 failed" for a run that failed. The fixture run
 * (tests/fixtures/plain-summary) has one of each, an `afterAll` that throws after a test of its
 * suite failed, and suites that fail only because a test did (counted once, not named).
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const VITEST = path.join(ROOT, "node_modules/vitest/vitest.mjs");
const CONFIG = path.join(ROOT, "tests/fixtures/plain-summary/vitest.config.mts");

it("counts every failure and names the file, the suite and the error outside a test", async () => {
  const run = promisify(execFile)(process.execPath, [VITEST, "run", "--config", CONFIG], { cwd: ROOT, timeout: 120_000 });
  const failure = await run.then(() => undefined, (error: { code?: number; stdout?: string }) => error);
  expect(failure?.code).toBe(1);
  expect(failure?.stdout?.trim().split("\n").at(-1)).toBe(
    "tests: 2 passed, 7 failed, 3 skipped (of the failures, 3 outside a test (loading the file or a hook): after.check.ts > a suite that fails and then cannot clean up, broken.check.ts, hook.check.ts > a server that does not start; 1 unhandled error: nobody handles this)",
  );
}, 150_000);

/**
 * The plain summary line at the end of a run counts every test and names each file or suite that
 * failed outside its tests: a `beforeAll` that throws makes vitest skip the suite's tests, and a
 * file that cannot be loaded has none, so counting tests alone would read "0 failed" for a run
 * that failed. The fixture run (tests/fixtures/plain-summary) has one of each.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const VITEST = path.join(ROOT, "node_modules/vitest/vitest.mjs");
const CONFIG = path.join(ROOT, "tests/fixtures/plain-summary/vitest.config.mts");

it("counts the tests and names the file and the suite that failed outside a test", async () => {
  const run = promisify(execFile)(process.execPath, [VITEST, "run", "--config", CONFIG], { cwd: ROOT, timeout: 120_000 });
  const failure = await run.then(() => undefined, (error: { code?: number; stdout?: string }) => error);
  expect(failure?.code).toBe(1);
  expect(failure?.stdout?.trim().split("\n").at(-1)).toBe(
    "tests: 1 passed, 1 failed, 3 skipped; 2 failed outside a test (loading the file or a hook): broken.check.ts, hook.check.ts > a server that does not start",
  );
}, 150_000);

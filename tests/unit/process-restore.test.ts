/**
 * Files that share a process (vitest.config.mts's "shared" project) get the process back as the
 * file before them found it: the setup file undoes `vi.stubEnv` and `vi.spyOn` at each file's end.
 * Two files that each stub a variable and spy on the process run in one process, with the setup
 * file and without it (the check can fail).
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const VITEST = path.join(ROOT, "node_modules/vitest/vitest.mjs");
const CONFIG = path.join(ROOT, "tests/fixtures/shared-process/vitest.config.mts");

interface JsonReport {
  numFailedTests: number;
  numPassedTests: number;
  testResults: { assertionResults: { title: string; status: string }[] }[];
}

/** Runs the two files in one process; the titles of the tests that failed. */
async function failedChecks(restoreProcess: "on" | "off"): Promise<string[]> {
  const run = promisify(execFile)(process.execPath, [VITEST, "run", "--config", CONFIG, "--reporter=json"], {
    cwd: ROOT, env: { ...process.env, RESTORE_PROCESS: restoreProcess }, timeout: 120_000,
  });
  const stdout = await run.then(({ stdout }) => stdout, (error: { stdout?: string }) => error.stdout ?? "");
  const report = JSON.parse(stdout) as JsonReport;
  expect(report.numPassedTests + report.numFailedTests).toBe(4);
  return report.testResults.flatMap((file) => file.assertionResults).filter((test) => test.status === "failed").map((test) => test.title.replace(/^(first|second) /, ""));
}

describe("a file sharing its process with the file before it", () => {
  it("finds no variable that file stubbed and no spy it made", async () => {
    expect(await failedChecks("on")).toEqual([]);
  }, 150_000);

  it("would find both without the setup file", async () => {
    expect(await failedChecks("off")).toEqual(["finds no variable or spy another file left"]);
  }, 150_000);
});

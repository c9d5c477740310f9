/**
 * Files that share a process (vitest.config.mts's "shared" project) get the process back as the
 * file before them found it: the suite's setup file undoes `vi.stubEnv` at each file's end, and
 * vitest itself restores `vi.spyOn` spies after each file. Two files that each stub a variable
 * and spy on the process run in one process, with the setup files vitest.config.mts names and
 * without them (the variable check can fail; spies are restored either way).
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

function withoutWorkerCount(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== "VITEST_MAX_WORKERS"));
}

/** Runs the two files in one process; the titles of the tests that failed. */
async function failedChecks(restoreProcess: "on" | "off"): Promise<string[]> {
  const run = promisify(execFile)(process.execPath, [VITEST, "run", "--config", CONFIG, "--reporter=json"], {
    // Without VITEST_MAX_WORKERS, which vitest reads over any configuration's maxWorkers: the two
    // files must share one process.
    cwd: ROOT, env: { ...withoutWorkerCount(process.env), RESTORE_PROCESS: restoreProcess }, timeout: 120_000,
  });
  const stdout = await run.then(({ stdout }) => stdout, (error: { stdout?: string }) => error.stdout ?? "");
  const report = JSON.parse(stdout) as JsonReport;
  expect(report.numPassedTests + report.numFailedTests).toBe(6);
  return report.testResults.flatMap((file) => file.assertionResults).filter((test) => test.status === "failed").map((test) => test.title.replace(/^(first|second) /, ""));
}

describe("a file sharing its process with the file before it", () => {
  // The two runs are separate processes: side by side.
  const runs = Promise.all([failedChecks("on"), failedChecks("off")]);

  it("finds no variable that file stubbed and no spy it made", async () => {
    expect((await runs)[0]).toEqual([]);
  }, 150_000);

  it("would find the variable without the setup file (the spy is vitest's own to restore)", async () => {
    expect((await runs)[1]).toEqual(["finds no variable another file stubbed"]);
  }, 150_000);
});

import { defineConfig } from "vitest/config";
import { testWorkersForThisRun } from "./tests/setup/worker-count.mjs";


/**
 * Test files that run in a fresh process each; every other file shares a long-lived process with
 * the files before it. A file belongs here when it changes what the next file in its process would
 * see: the runtime's mocks set by hand, a module replaced, an environment variable written to
 * `process.env` directly (tests/unit/test-isolation.test.ts finds them and checks this list).
 * Variables set with `vi.stubEnv` are undone at each file's end (tests/setup/restore-process.ts)
 * and spies made with `vi.spyOn` by vitest itself, so a file that changes only those shares a process.
 */
const ISOLATED = [
  "tests/acceptance/database-names.test.ts",
  "tests/unit/app-users-input.test.ts",
  "tests/unit/components-package.test.ts",
  "tests/unit/edge-zone-plan.test.ts",
];

export default defineConfig({
  test: {
    reporters: ["default", "./tests/reporters/plain-summary.ts"],
    // At each file's end: environment variables stubbed with vi.stubEnv undone (vitest restores vi.spyOn spies itself).
    setupFiles: ["./tests/setup/restore-process.ts"],
    // One temporary folder for the run, as TMPDIR, removed when the run ends.
    globalSetup: ["./tests/setup/temporary-folder.ts"],
    pool: "forks",
    // Planning a tenant loads @pulumi/aws, which takes a few seconds on a cold process.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One more than the cores on an idle machine, one per core on a busy one (tests/setup/worker-count.mts).
    maxWorkers: testWorkersForThisRun(),
    // Semi-spaces (the young generation's halves) of up to 128 MB instead of V8's 16 MB: planning a
    // tenant makes many short-lived objects, and about a fifth of a plan-heavy file's time went to
    // scavenges that each promoted them early. Eight plan files in one worker: 26.3-27.3 s with
    // the default, 23.8-24.5 s with 64 MB, 23.1 s with 128 MB, for some 60 MB more memory per
    // worker; docs/benchmarks.md. Only the workers get it, not the processes tests start (the
    // CLI, the language host).
    execArgv: ["--max-semi-space-size=128"],
    projects: [
      {
        // Most files run one after another in a few long-lived processes, which load the Pulumi
        // SDKs and the platform's modules once instead of once per file (most of a file's time
        // was that loading). Each offline plan sets the runtime's mock monitor and the stack's
        // configuration anew, as planning the whole fleet in one process does; the plan refuses
        // to start while another is running.
        extends: true,
        test: { name: "shared", include: ["tests/**/*.test.ts"], exclude: ISOLATED, isolate: false },
      },
      // The settings above (pool, timeouts) hold for both projects (`extends: true`).
      { extends: true, test: { name: "isolated", include: ISOLATED, isolate: true } },
    ],
  },
});

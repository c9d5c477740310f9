import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    reporters: ["default", "./tests/reporters/plain-summary.ts"],
    // The Pulumi runtime keeps its state in module globals: one process per test file.
    pool: "forks",
    // Many files spend much of their time waiting for child processes (the instance scripts under
    // bash, nginx, the command-line tools): one file per core, where vitest's own default is one
    // fewer than the cores (a single file at a time on two cores). More files than cores made
    // the CPU-bound ones (whole-tenant plans, the language host) exceed their timeouts on a loaded
    // machine. `availableParallelism` counts the cores the process may run on, not a container's
    // CPU quota: a runner limited by a quota sets VITEST_MAX_WORKERS to the cores it may use.
    maxWorkers: Number(process.env["VITEST_MAX_WORKERS"]) || availableParallelism(),
    // Planning a tenant loads @pulumi/aws, which takes a few seconds on a cold process.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

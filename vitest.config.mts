import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    reporters: ["default", "./tests/reporters/plain-summary.ts"],
    // The Pulumi runtime keeps its state in module globals: one process per test file.
    pool: "forks",
    // Many files spend most of their time waiting for child processes (the instance scripts under
    // bash, nginx, the language host, the command-line tools). One file more than there are cores
    // keeps the cores busy while a file waits; vitest's own default is one fewer than the cores
    // (a single file at a time on two cores).
    maxWorkers: availableParallelism() + 1,
    // Planning a tenant loads @pulumi/aws, which takes a few seconds on a cold process.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

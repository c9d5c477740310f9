import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    reporters: ["default", "./tests/reporters/plain-summary.ts"],
    // The Pulumi runtime keeps its state in module globals: one process per test file.
    pool: "forks",
    // Planning a tenant loads @pulumi/aws, which takes a few seconds on a cold process.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

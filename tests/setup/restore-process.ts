/**
 * Runs before every test file (vitest.config.mts `setupFiles`; vitest re-runs a setup file for
 * each test file, also when files share a process). At the end of the file, after its own hooks,
 * it unsets the environment variables the file set with `vi.stubEnv` and restores those it
 * changed, so the next file in the process finds the environment as this one found it. Spies made
 * with `vi.spyOn` need nothing here: vitest restores them after each file itself (vitest 4.1
 * `runBaseTests`: "mocks should not affect different files"). A file that writes `process.env`
 * directly must still run alone (tests/unit/test-isolation.test.ts).
 */
import { afterAll, vi } from "vitest";

// Registered first, so it runs after the file's own `afterAll` hooks (vitest runs "after" hooks in reverse).
afterAll(() => {
  vi.unstubAllEnvs();
});

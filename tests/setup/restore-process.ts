/**
 * Runs before every test file (vitest.config.mts `setupFiles`; vitest re-runs a setup file for
 * each test file, also when files share a process). At the end of the file, after its own hooks,
 * it undoes what vitest can undo for it: environment variables set with `vi.stubEnv` and spies
 * made with `vi.spyOn`. So a file that changes the environment or spies on the process that way
 * leaves the next file in its process the process as it found it, and may share the process;
 * a file that writes `process.env` directly must still run alone (tests/unit/test-isolation.test.ts).
 */
import { afterAll, vi } from "vitest";

// Registered first, so it runs after the file's own `afterAll` hooks (vitest runs "after" hooks in reverse).
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

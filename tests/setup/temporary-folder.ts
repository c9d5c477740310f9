/**
 * A temporary folder for the whole run (vitest.config.mts `globalSetup`): set as `TMPDIR` before
 * the test processes start, so that the tests and every process they start (`os.tmpdir()`,
 * `mktemp`) write there, and removed with all it holds when the run ends, whatever a test forgot
 * to delete or could not (a file whose tests were all skipped runs no `afterAll`).
 * vitest runs it in its main process for the root configuration and again for each of its
 * projects (vitest 4.1 `initializeGlobalSetup`): the first run makes the folder, the others find
 * it (one level only: a Unix socket's path, such as Chromium's SingletonSocket or a database
 * server's, may not exceed 107 bytes). vitest runs the teardown after the last test and before it
 * closes its test processes. tests/unit/temporary-folder.test.ts checks it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Names the run's temporary folder while it exists. */
export const RUN_TEMPORARY_FOLDER = "TENANT_PLATFORM_TEST_TMPDIR";

export default function setup(): () => void {
  const systemTemporary = process.env["TMPDIR"];
  if (process.env[RUN_TEMPORARY_FOLDER] !== undefined && process.env[RUN_TEMPORARY_FOLDER] === systemTemporary) return () => undefined;
  const systemFolder = os.tmpdir();
  const temporary = fs.mkdtempSync(path.join(systemFolder, "tenant-platform-test-"));
  // Open to every user, as the system's own is (sticky, world-writable): the throwaway database
  // servers run as their own system users and write their temporary files here.
  fs.chmodSync(temporary, 0o1777);
  // tsx keeps its transform cache in `<tmpdir>/tsx-<uid>` (tsx 4, temporary-directory): the link
  // keeps the one of the system's temporary folder, so the command-line tools the tests start do
  // not compile the platform's TypeScript anew on every run. Removing the folder removes the link only.
  const tsxCache = `tsx-${os.userInfo().uid}`;
  fs.mkdirSync(path.join(systemFolder, tsxCache), { recursive: true });
  fs.symlinkSync(path.join(systemFolder, tsxCache), path.join(temporary, tsxCache));
  process.env["TMPDIR"] = temporary;
  process.env[RUN_TEMPORARY_FOLDER] = temporary;
  return () => {
    delete process.env[RUN_TEMPORARY_FOLDER];
    if (systemTemporary === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = systemTemporary;
    fs.rmSync(temporary, { recursive: true, force: true });
  };
}

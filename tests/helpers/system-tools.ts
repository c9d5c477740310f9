/**
 * Tests that need a real tool from Debian (nginx, cloud-init, shellcheck). CI installs them
 * (.ci/run → scripts/install-test-tools.sh) and sets CI=true, where a missing tool fails the run;
 * elsewhere the suite is skipped with a notice saying what to install.
 */
import { execFileSync } from "node:child_process";

export function hasTool(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** True when the tools are present; throws in CI when one is missing; warns and returns false elsewhere. */
export function toolsAvailable(...commands: string[]): boolean {
  const missing = commands.filter((command) => !hasTool(command));
  if (missing.length === 0) return true;
  const message = `missing test tools: ${missing.join(", ")} (install them with scripts/install-test-tools.sh)`;
  if (process.env["CI"]) throw new Error(message);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

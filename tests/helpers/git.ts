/** Git in repositories the tests make: a fixed identity, so commits work on any machine. */
import { execFileSync } from "node:child_process";

/** Runs `git <args>` in `cwd` and returns what it printed; throws when git fails. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Reading a tenant file as it was at a git revision (the base of a change). */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

export class GitBaseError extends Error {
  override readonly name = "GitBaseError";
}

/**
 * The bytes of `file` at revision `ref`, or undefined when the file did not exist there (a new
 * tenant). Throws {@link GitBaseError} when git cannot answer (not a repository, unknown ref).
 */
export function readAtRevision(ref: string, file: string): Buffer | undefined {
  const absolute = path.resolve(file);
  const cwd = path.dirname(absolute);
  let root: string;
  try {
    root = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
    execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd, stdio: "ignore" });
  } catch {
    throw new GitBaseError(`--base ${ref}: not a git revision of the repository holding ${file}`);
  }
  const relative = path.relative(root, absolute).split(path.sep).join("/");
  try {
    return execFileSync("git", ["show", `${ref}:${relative}`], { cwd, stdio: ["ignore", "pipe", "ignore"], maxBuffer: 4 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/**
 * The files of the folder `dir` that differ from revision `ref` in the working tree (committed
 * since, edited and not committed, or new and not yet added), as resolved paths; undefined when
 * git cannot answer (not a repository, unknown revision).
 */
export function changedSinceRevision(ref: string, dir: string): Set<string> | undefined {
  const cwd = path.resolve(dir);
  const git = (args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 16 * 1024 * 1024 });
  try {
    const root = git(["rev-parse", "--show-toplevel"]).trim();
    const tracked = git(["diff", "--name-only", "--no-renames", "-z", ref, "--", "."]);
    const untracked = git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name", "--", "."]);
    return new Set([...tracked.split("\0"), ...untracked.split("\0")].filter(Boolean).map((file) => path.resolve(root, file)));
  } catch {
    return undefined;
  }
}

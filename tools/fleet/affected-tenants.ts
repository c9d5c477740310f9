/**
 * Which tenants a change affects, from the files a git diff lists:
 *
 * - `tenants/<id>.yaml` added or modified: that tenant; deleted: an offboarding, reported and not
 *   deployed. `Pulumi.<id>.yaml` (the stack's settings) added or modified: that tenant.
 * - Files that cannot change any stack (documentation, tests, workflows, lint and test
 *   configuration): no tenant.
 * - Anything else (components, the program, the schema, tools, policies, package files, tsconfig.json, Pulumi.yaml,
 *   tenants/schema.json, and any file this list does not know): every tenant. Unknown files
 *   select everything, so a new kind of shared file is never silently skipped.
 */
import { execFileSync } from "node:child_process";

/** A changed file: git's status letter (A, M, D, T…) and the path from the repository root. */
export interface FileChange {
  readonly status: string;
  readonly path: string;
}

/** The tenants a change affects. */
export interface AffectedTenants {
  /** True when shared code changed: every tenant is affected. */
  readonly all: boolean;
  /** Tenants selected by their own files (sorted); all tenants are meant when `all` is true. */
  readonly tenants: readonly string[];
  /** Tenants whose file was deleted: offboardings (sorted). */
  readonly deleted: readonly string[];
  /** Why, one line per deciding file (at most one line per file). */
  readonly reasons: readonly string[];
}

/** Paths that cannot change any stack. */
const INERT: readonly RegExp[] = [
  /^docs\//,
  /\.md$/i,
  /^\.github\//,
  /^tests\//,
  /^LICENSE(\..*)?$/,
  /^\.gitignore$/,
  /^\.editorconfig$/,
  /^\.gitattributes$/,
  /^eslint\.config\.mjs$/,
  /^vitest\.config\.mts$/,
  /^scripts\/install-test-tools\.sh$/,
  // The sample tenants are never deployed (tenant-schema/samples.ts); CI plans them all on every change.
  /^samples\//,
];

const TENANT_FILE = /^tenants\/([^/]+)\.yaml$/;
const STACK_SETTINGS = /^Pulumi\.([a-z0-9][a-z0-9-]*)\.yaml$/;

/** Decides which tenants the changed files affect (see the module comment for the rules). */
export function affectedTenants(changes: readonly FileChange[]): AffectedTenants {
  const tenants = new Set<string>();
  const deleted = new Set<string>();
  const reasons: string[] = [];
  let all = false;
  for (const { status, path } of changes) {
    const tenant = TENANT_FILE.exec(path)?.[1] ?? STACK_SETTINGS.exec(path)?.[1];
    if (tenant !== undefined) {
      if (status.startsWith("D")) {
        if (TENANT_FILE.test(path)) {
          deleted.add(tenant);
          reasons.push(`${path} deleted: tenant ${tenant} is being offboarded (not deployed)`);
        }
      } else {
        tenants.add(tenant);
        reasons.push(`${path} changed: tenant ${tenant}`);
      }
    } else if (INERT.some((pattern) => pattern.test(path))) {
      continue;
    } else {
      all = true;
      reasons.push(`${path} changed: shared by every tenant`);
    }
  }
  for (const id of deleted) tenants.delete(id);
  return { all, tenants: [...tenants].sort(), deleted: [...deleted].sort(), reasons };
}

/** git could not answer (not a repository, unknown revision). */
export class GitDiffError extends Error {
  override readonly name = "GitDiffError";
}

/**
 * Files changed between `ref` and HEAD (`git diff <ref>...HEAD`: since the merge base, as a pull
 * request shows them), renames split into a deletion and an addition. Working-tree changes are not
 * included. Throws {@link GitDiffError} when git cannot answer.
 */
export function changedFiles(ref: string, cwd: string): FileChange[] {
  const git = (args: string[]): string => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  try {
    git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new GitDiffError(`--changed-since ${ref}: not a revision of the git repository at ${cwd} (in CI, fetch enough history: actions/checkout with fetch-depth: 0)`);
  }
  let output: string;
  try {
    output = git(["diff", "--name-status", "--no-renames", "-z", `${ref}...HEAD`]);
  } catch (error) {
    throw new GitDiffError(`--changed-since ${ref}: git diff failed: ${(error as Error).message.split("\n")[0]}`);
  }
  const fields = output.split("\0").filter((f) => f.length > 0);
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) changes.push({ status: fields[i]!, path: fields[i + 1]! });
  return changes;
}

/**
 * Files of the working tree at `cwd` that differ from HEAD: edited or deleted and not committed
 * (`git diff HEAD`), and new files git does not ignore (status A). Throws {@link GitDiffError}
 * when git cannot answer.
 */
export function uncommittedFiles(cwd: string): FileChange[] {
  const git = (args: string[]): string => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  let tracked: string;
  let untracked: string;
  try {
    tracked = git(["diff", "--name-status", "--no-renames", "-z", "HEAD"]);
    untracked = git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/"]);
  } catch (error) {
    throw new GitDiffError(`git could not list the uncommitted changes at ${cwd}: ${(error as Error).message.split("\n")[0]}`);
  }
  const fields = tracked.split("\0").filter((f) => f.length > 0);
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) changes.push({ status: fields[i]!, path: fields[i + 1]! });
  for (const file of untracked.split("\0").filter((f) => f.length > 0)) changes.push({ status: "A", path: file });
  return changes;
}

/** A git repository holding one tenant file, committed, then changed in the work tree. */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { git } from "./git";
import { tempFolder } from "./temp-tenants";

/** Commits `before` as tenants/acme.yaml in a new repository; writes `after` (when given) uncommitted. */
export function tenantRepository(before: string, after: string | undefined): { dir: string; file: string } {
  const dir = tempFolder();
  git(dir, "init", "-q", "-b", "main");
  const tenants = path.join(dir, "tenants");
  mkdirSync(tenants, { recursive: true });
  const file = path.join(tenants, "acme.yaml");
  writeFileSync(file, before);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "before");
  if (after !== undefined) writeFileSync(file, after);
  return { dir, file };
}

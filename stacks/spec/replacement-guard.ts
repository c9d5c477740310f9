/**
 * The guard against replacing or losing stateful resources by a routine edit: compares a tenant
 * file with its previous version (the base of a pull request) and refuses changes that would
 * replace the database, remove it, or that the running resources cannot follow.
 *
 * Replacing the database on purpose takes two deploys: first `database.replacement: { allow:
 * true, reason }` alone (which lifts Pulumi protection and deletion protection), then the change.
 */
import type { LoadedTenant } from "./load-tenant";
import type { SpecIssue } from "./spec-issue";
import type { TenantSpec } from "./tenant-schema";

const TWO_STEPS = 'If that is intended: deploy database.replacement: { allow: true, reason: "…" } on its own first, then make this change.';

function versionNumber(version: string): number[] {
  return version.split(".").map(Number);
}

function isDowngrade(before: string, after: string): boolean {
  const [a, b] = [versionNumber(before), versionNumber(after)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? 0, b[i] ?? 0];
    if (x !== y) return y < x;
  }
  return false;
}

/** Issues in `after`'s file for changes from `before` that a deploy must not make silently. */
export function replacementIssues(before: TenantSpec, after: LoadedTenant): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const add = (path: PropertyKey[], message: string) => {
    const at = after.positionOf(path);
    const shown = path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
    issues.push({ file: after.file, line: at.line, column: at.column, path: shown, message });
  };
  const spec = after.spec;

  if (before.network.cidr !== spec.network.cidr) {
    add(["network", "cidr"], `was ${before.network.cidr}: a VPC's block cannot change, so every network resource (and everything in it) would be replaced. Keep ${before.network.cidr}.`);
  }

  const old = before.database;
  const now = spec.database;
  if (old && !now) {
    if (!old.replacement) {
      add([], `removing the database section deletes the database (a final snapshot is kept). ${TWO_STEPS.replace("this change", "the removal")}`);
    }
    return issues;
  }
  if (!old || !now) return issues;

  const declared = old.replacement !== undefined && now.replacement !== undefined;
  if (old.engine !== now.engine && !declared) {
    add(["database", "engine"], `changes ${old.engine} to ${now.engine}, which replaces the database with an empty one. ${TWO_STEPS}`);
  }
  if (old.engine === now.engine && old.version !== now.version && !isDowngrade(old.version, now.version) && now.readReplicas > 0) {
    add(["database", "version"], `upgrades ${old.version} to ${now.version} while read replicas exist; RDS upgrades replicas before their source and their parameter group family changes with the version. Set readReplicas: 0, upgrade, then add the replicas back.`);
  }
  if (old.engine === now.engine && isDowngrade(old.version, now.version)) {
    add(["database", "version"], `goes back from ${old.version} to ${now.version}; RDS cannot downgrade a database. Keep "${old.version}".`);
  }
  for (const field of ["name", "username"] as const) {
    if (old[field] !== now[field]) {
      add(["database", field], `is fixed once the database exists: the running database keeps "${old[field]}". Keep "${old[field]}".`);
    }
  }
  // Alternating users (components/database/app-users.ts): one step makes the other user current
  // with a new password. Two steps at once would give the user the instances hold a new password;
  // going back would point them at a user whose password the deploy does not set.
  const [fromRotation, toRotation] = [old.appUsers.rotation, now.appUsers.rotation];
  if (toRotation !== fromRotation && toRotation !== fromRotation + 1) {
    add(["database", "appUsers", "rotation"], `goes from ${fromRotation} to ${toRotation}; a deploy may raise it by one only (to ${fromRotation + 1}), so that the user the application holds keeps its password until the instances have the other one. Deploy ${fromRotation + 1}, then the next.`);
  }
  if (JSON.stringify(old.restore) !== JSON.stringify(now.restore) && now.restore !== undefined) {
    add(["database", "restore"], "applies only when the database is created; the running database would not change. To restore, create a new tenant from the snapshot, or replace this database on purpose.");
  }
  return issues;
}

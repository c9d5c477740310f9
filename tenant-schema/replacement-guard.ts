/**
 * The guard against replacing or losing stateful resources by a routine edit: compares a tenant
 * file with its previous version (the base of a pull request) and refuses changes that would
 * replace the database, remove it, or that the running resources cannot follow.
 *
 * Replacing the database on purpose takes two deploys: first `database.replacement: { allow:
 * true, reason }` alone (which lifts Pulumi protection and deletion protection), then the change.
 * Restoring into a running tenant goes side by side, step by step (`restore-guard.ts`).
 */
import { generationNames, tenantDatabaseIdentifier } from "../components/database/generation";
import type { LoadedTenant } from "./load-tenant";
import { restoreIssues } from "./restore-guard";
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
  // An upgrade with read replicas is checked step by step by the update simulation
  // (tools/plan/aws-refusals.ts): MySQL and MariaDB replicas go first, through replicaVersion.
  const replicasWere = old.replicaVersion ?? old.version;
  const replicasAre = now.replicaVersion ?? now.version;
  if (old.engine === now.engine && old.readReplicas > 0 && now.readReplicas > 0 && isDowngrade(replicasWere, replicasAre)) {
    add(["database", now.replicaVersion !== undefined ? "replicaVersion" : "version"], `takes the read replicas back from ${replicasWere} to ${replicasAre}; RDS cannot downgrade a replica. Keep database.replicaVersion: "${replicasWere}", or upgrade database.version to it.`);
  }
  if (old.engine === now.engine && isDowngrade(old.version, now.version)) {
    add(["database", "version"], `goes back from ${old.version} to ${now.version}; RDS cannot downgrade a database. Keep "${old.version}".`);
  }
  storageIssue(old.storage.allocatedGiB, now.storage.allocatedGiB, now.storage.maxGiB, (message) => add(["database", "storage", "allocatedGiB"], message));
  for (const field of ["name", "username"] as const) {
    if (old[field] !== now[field]) {
      add(["database", field], `is fixed once the database exists: the running database keeps "${old[field]}". Keep "${old[field]}".`);
    }
  }
  restoreIssues(old, now, add, (generation) => generationNames(spec.id, tenantDatabaseIdentifier(spec.id), generation).identifier);
  // Alternating users (components/database/app-users.ts): one step makes the other user current
  // with a new password. Two steps at once would give the user the instances hold a new password;
  // going back would point them at a user whose password the deploy does not set.
  const [fromRotation, toRotation] = [old.appUsers.rotation, now.appUsers.rotation];
  if (toRotation !== fromRotation && toRotation !== fromRotation + 1) {
    add(["database", "appUsers", "rotation"], `goes from ${fromRotation} to ${toRotation}; a deploy may raise it by one only (to ${fromRotation + 1}), so that the user the application holds keeps its password until the instances have the other one. Deploy ${fromRotation + 1}, then the next.`);
  }
  return issues;
}

/**
 * Allocated storage only grows, by at least 10 %: "You can't reduce the amount of storage for a DB
 * instance after storage has been allocated. When you increase the allocated storage, it must be
 * by at least 10 percent" (RDS User Guide, "Increasing DB instance storage capacity",
 * USER_PIOPS.ModifyingExisting). With autoscaling on, the provider does not even send a lower
 * value (terraform-provider-aws internal/service/rds/instance.go, `allocated_storage`
 * DiffSuppressFunc: old above new and `max_allocated_storage` above new), so the file would claim
 * less than the database has.
 */
function storageIssue(before: number, after: number, ceiling: number, add: (message: string) => void): void {
  if (after < before) {
    const ignored = ceiling > after ? "; with autoscaling on, the provider leaves the database as it is" : "";
    add(`goes down from ${before} to ${after} GiB; RDS cannot shrink a database's storage${ignored}. Keep ${before} (a smaller database means a new one, filled from a logical dump).`);
  } else if (after > before && after < Math.ceil((before * 11) / 10)) {
    add(`grows from ${before} to ${after} GiB; RDS grows storage by at least 10 %: use ${Math.ceil((before * 11) / 10)} or more.`);
  }
}

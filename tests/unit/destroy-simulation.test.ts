/**
 * The destroy simulation's rules on small hand-made plans: the engine's (protect, --exclude-protected
 * and what protected resources depend on, retainOnDelete, dependents first) and AWS's refusals on
 * delete (deletion protection, non-empty buckets and vaults, vault locks), and what remains.
 */
import { describe, expect, it } from "vitest";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import { plan, resource, URN } from "../helpers/hand-made-plan";
import { simulateDestroy } from "../../tools/plan/destroy-simulation";

const KEY = "aws:kms/key:Key";
const BUCKET = "aws:s3/bucket:Bucket";
const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const BACKUP_PLAN = "aws:backup/plan:Plan";
const DB = "aws:rds/instance:Instance";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const NAT = "aws:ec2/natGateway:NatGateway";

const steps = (state: TenantPlan, excludeProtected = false) => simulateDestroy(state, { excludeProtected }).changes.map((c) => `${c.step} ${c.name}${c.error ? " REFUSED" : ""}`);

describe("destroy simulation: engine rules", () => {
  it("deletes dependents first, refuses a protected resource with the engine's words, drops one kept on delete", () => {
    const state = plan([
      resource(KEY, "key", { deletionWindowInDays: 30 }, { protect: true, retainOnDelete: true }),
      resource(BUCKET, "media", { forceDestroy: true }, { retainOnDelete: true }),
      resource(NAT, "nat", {}),
    ]);
    expect(steps(state)).toEqual(["delete nat", "drop media", "delete key REFUSED"]);
    const result = simulateDestroy(state);
    expect(result.errors).toEqual([
      `aws:kms/key:Key key: resource "${URN(KEY, "key")}" cannot be deleted because it is protected. To unprotect the resource, either remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\`, or use the command: \`pulumi state unprotect '${URN(KEY, "key")}'\``,
    ]);
    expect(result.remains.map((r) => `${r.what}: ${r.why}`)).toEqual([
      "aws:s3/bucket:Bucket media: kept in the account, no longer in the stack (retainOnDelete)",
      "aws:kms/key:Key key: its deletion is refused",
    ]);
  });

  it("with --exclude-protected keeps protected resources and everything they depend on, and deletes the rest", () => {
    const key = resource(KEY, "key", {});
    const vault = resource(VAULT, "vault", { kmsKeyArn: "arn" }, { protect: true, retainOnDelete: true });
    const nat = resource(NAT, "nat", { allocationId: "eip" });
    const state = plan([key, vault, nat], { [vault.urn]: { kmsKeyArn: [key.urn] } });
    expect(steps(state, true)).toEqual(["delete nat", "keep vault", "keep key"]);
    expect(simulateDestroy(state, { excludeProtected: true }).errors).toEqual([]);
  });

  it("lists what keeps running when a running resource cannot be deleted", () => {
    const state = plan([resource(DB, "db", { deletionProtection: false, skipFinalSnapshot: true }, { protect: true })]);
    expect(simulateDestroy(state, { excludeProtected: true }).remains).toEqual([
      { what: "aws:rds/instance:Instance db", why: "kept in the stack (protected: left out by --exclude-protected)", urn: URN(DB, "db"), source: "resource", running: true },
    ]);
  });
});

describe("destroy simulation: AWS refusals on delete", () => {
  it("refuses a load balancer and a database with deletion protection; without it the database leaves its final snapshot and backups", () => {
    const on = simulateDestroy(plan([resource(LB, "alb", { enableDeletionProtection: true }), resource(DB, "db", { deletionProtection: true })]));
    expect(on.errors).toEqual([
      expect.stringContaining("aws:rds/instance:Instance db: RDS refuses to delete a DB instance whose deletion protection is on (DeleteDBInstance: InvalidParameterCombination"),
      expect.stringContaining("aws:lb/loadBalancer:LoadBalancer alb: ELB refuses to delete a load balancer whose deletion protection is on (DeleteLoadBalancer: OperationNotPermitted)"),
    ]);
    const off = simulateDestroy(plan([resource(LB, "alb", { enableDeletionProtection: false }), resource(DB, "db", {
      deletionProtection: false, skipFinalSnapshot: false, finalSnapshotIdentifier: "db-final-1a2b3c4d", deleteAutomatedBackups: false, backupRetentionPeriod: 14,
    })]));
    expect(off.errors).toEqual([]);
    expect(off.remains.map((r) => `${r.what}: ${r.why}`)).toEqual([
      "RDS snapshot db-final-1a2b3c4d: final snapshot of db, kept until deleted by hand",
      "RDS automated backups of db: kept for their retention (14 days), then removed by RDS",
    ]);
  });

  it("refuses a bucket without forceDestroy, deletes one with it", () => {
    expect(steps(plan([resource(BUCKET, "logs", { forceDestroy: false })]))).toEqual(["delete logs REFUSED"]);
    expect(steps(plan([resource(BUCKET, "logs", { forceDestroy: true })]))).toEqual(["delete logs"]);
  });

  it("refuses a vault a backup plan writes into unless forceDestroy, and a locked one even then; refuses removing the lock", () => {
    const vault = (forceDestroy: boolean) => resource(VAULT, "vault", { forceDestroy });
    const backupPlan = resource(BACKUP_PLAN, "plan", { rules: [{ targetVaultName: "vault" }] });
    const lock = resource(LOCK, "lock", { minRetentionDays: 10, changeableForDays: 3 });
    const deps = (v: PlannedResource, withLock: boolean): TenantPlan["propertyDependencies"] => ({ [backupPlan.urn]: { rules: [v.urn] }, ...(withLock ? { [lock.urn]: { backupVaultName: [v.urn] } } : {}) });

    expect(steps(plan([vault(false)]))).toEqual(["delete vault"]);
    expect(steps(plan([vault(false), backupPlan], deps(vault(false), false)))).toEqual(["delete plan", "delete vault REFUSED"]);
    expect(steps(plan([vault(true), backupPlan], deps(vault(true), false)))).toEqual(["delete plan", "delete vault"]);
    const locked = simulateDestroy(plan([vault(true), lock, backupPlan], deps(vault(true), true)));
    expect(locked.errors).toEqual([
      "aws:backup/vaultLockConfiguration:VaultLockConfiguration lock: AWS Backup refuses to remove a vault lock once it is immutable, 3 days (changeableForDays) after it was set (DeleteBackupVaultLockConfiguration: InvalidRequestException)",
      "aws:backup/vault:Vault vault: the vault is locked: AWS Backup refuses to delete its recovery points before their minimum retention (DeleteRecoveryPoint), so the vault cannot be emptied and deleted",
    ]);
  });

  it("refuses deleting a key while kept data stays encrypted with it; a key nothing needs goes pending deletion", () => {
    const key = resource(KEY, "key", { deletionWindowInDays: 7 });
    const bucket = resource(BUCKET, "backups", { forceDestroy: false }, { retainOnDelete: true });
    const needed = simulateDestroy(plan([key, bucket], { [bucket.urn]: { serverSideEncryption: [key.urn] } }));
    expect(needed.errors).toEqual([
      "aws:kms/key:Key key: KMS would delete the key after its deletion window, and aws:s3/bucket:Bucket backups stays encrypted with it, unreadable from then on; keep the key (retainOnDelete) until that data is gone",
    ]);
    const db = resource(DB, "db", { deletionProtection: false, finalSnapshotIdentifier: "db-final-1" });
    const snapshot = simulateDestroy(plan([key, db], { [db.urn]: { kmsKeyId: [key.urn] } }));
    expect(snapshot.errors).toEqual([expect.stringContaining("and aws:rds/instance:Instance db (its final snapshot) stays encrypted with it")]);
    const alone = simulateDestroy(plan([key]));
    expect(alone.errors).toEqual([]);
    expect(alone.remains.map((r) => `${r.what}: ${r.why}`)).toEqual(["KMS key key: pending deletion for 7 days (deletionWindowInDays), then deleted with everything only it can decrypt"]);
  });
});

/**
 * What AWS answers when the provider deletes a resource with the inputs it was deployed with. Read
 * by the update simulation (a resource removed or replaced) and the destroy simulation. A resource
 * kept on delete (`retainOnDelete`) is never asked: the engine drops it from the state without
 * calling the provider (pulumi/pulumi pkg/resource/deploy/step.go, `DeleteStep.Apply`).
 */
import type { Refusal, RefusalInput } from "./aws-refusals";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import { causeOf } from "./tenant-cause";

/** A deployed resource AWS would refuse to delete, and why. */
export interface DeleteRefusal {
  readonly urn: string;
  readonly message: string;
}

const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const DB_INSTANCE = "aws:rds/instance:Instance";
const BUCKET = "aws:s3/bucket:Bucket";
const VAULT = "aws:backup/vault:Vault";
const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const BACKUP_PLAN = "aws:backup/plan:Plan";

/** The resources of `state` whose input `property` was fed by `target`. */
function feeding(state: TenantPlan, target: string, type: string, property: string): PlannedResource[] {
  return state.resources.filter((r) => r.type === type && (state.propertyDependencies[r.urn]?.[property] ?? []).includes(target));
}

type Rule = (resource: PlannedResource, state: TenantPlan) => string | undefined;

const RULES: Readonly<Record<string, Rule>> = {
  // ELB API reference, DeleteLoadBalancer: "You can't delete a load balancer if deletion protection
  // is enabled" (OperationNotPermitted). The provider only calls DeleteLoadBalancer
  // (terraform-provider-aws internal/service/elbv2/load_balancer.go, resourceLoadBalancerDelete).
  [LOAD_BALANCER]: (lb) => lb.inputs.enableDeletionProtection === true
    ? "ELB refuses to delete a load balancer whose deletion protection is on (DeleteLoadBalancer: OperationNotPermitted); turn it off in a deploy before (web.loadBalancer.deletionProtection, or offboarding)"
    : undefined,
  // RDS refuses DeleteDBInstance on a protected instance: "InvalidParameterCombination: Cannot delete
  // protected DB Instance, please disable deletion protection and try again" (the error the provider
  // reports, hashicorp/terraform-provider-aws#26233; RDS User Guide, "Deletion protection").
  [DB_INSTANCE]: (db) => db.inputs.deletionProtection === true
    ? "RDS refuses to delete a DB instance whose deletion protection is on (DeleteDBInstance: InvalidParameterCombination, \"Cannot delete protected DB Instance\"); lift it in a deploy before (database.replacement, or offboarding)"
    : undefined,
  // S3 API reference, DeleteBucket: every object, version and delete marker must be deleted first
  // (BucketNotEmpty); the provider empties the bucket only with force_destroy
  // (terraform-provider-aws internal/service/s3/bucket.go, resourceBucketDelete). Every bucket the
  // platform creates receives objects (access logs, backups, uploads, exports).
  [BUCKET]: (bucket) => bucket.inputs.forceDestroy !== true
    ? "S3 refuses to delete a bucket that still holds objects or object versions (DeleteBucket: BucketNotEmpty), and without forceDestroy the provider does not empty it"
    : undefined,
  // AWS Backup API reference, DeleteBackupVault: a vault is deleted only when it holds no recovery
  // points ("Backup vault cannot be deleted because it contains recovery points"); with
  // force_destroy the provider deletes them first (terraform-provider-aws
  // internal/service/backup/vault.go, resourceVaultDelete), which a vault lock refuses before the
  // points' minimum retention (AWS Backup Developer Guide, "AWS Backup Vault Lock").
  [VAULT]: (vault, state) => {
    if (feeding(state, vault.urn, BACKUP_PLAN, "rules").length === 0) return undefined;
    if (vault.inputs.forceDestroy !== true) {
      return "AWS Backup refuses to delete a vault that holds recovery points (DeleteBackupVault: InvalidRequestException), and a backup plan writes into this one; without forceDestroy the provider does not delete them";
    }
    return feeding(state, vault.urn, VAULT_LOCK, "backupVaultName").length > 0
      ? "the vault is locked: AWS Backup refuses to delete its recovery points before their minimum retention (DeleteRecoveryPoint), so the vault cannot be emptied and deleted"
      : undefined;
  },
  // AWS Backup API reference, DeleteBackupVaultLockConfiguration: "If the Vault Lock configuration
  // is immutable, then you cannot remove it using API operations, and you will receive an
  // InvalidRequestException"; it is immutable once changeableForDays have passed.
  [VAULT_LOCK]: (lock) => typeof lock.inputs.changeableForDays === "number"
    ? `AWS Backup refuses to remove a vault lock once it is immutable, ${lock.inputs.changeableForDays} days (changeableForDays) after it was set (DeleteBackupVaultLockConfiguration: InvalidRequestException)`
    : undefined,
};

/** Why AWS would refuse to delete `resource` as `state` deployed it; undefined when it would not (or it is kept on delete). */
export function deleteRefusal(resource: PlannedResource, state: TenantPlan): string | undefined {
  if (resource.options.retainOnDelete) return undefined;
  return RULES[resource.type]?.(resource, state);
}

/** The resource types whose deletion AWS may refuse. */
export const DELETE_REFUSING_TYPES: readonly string[] = Object.keys(RULES);

/**
 * Deletions of an update (a resource removed from the program, or the old one of a replacement)
 * that AWS would refuse, with the deployed resource's inputs.
 */
export function deletionsRefused(input: RefusalInput): Refusal[] {
  const { base, changes, changedFields } = input;
  const byUrn = new Map(base.resources.map((r) => [r.urn, r]));
  const refusals: Refusal[] = [];
  for (const old of base.resources) {
    const change = changes.get(old.urn);
    if (change?.step !== "delete" && change?.step !== "replace") continue;
    const why = deleteRefusal(old, base);
    if (!why) continue;
    refusals.push({
      urn: old.urn,
      at: change.step === "delete" ? "delete" : "delete-replaced",
      message: `${old.type} ${old.name}: ${why}${causeOf(old, byUrn, changedFields)}.`,
    });
  }
  return refusals;
}

/**
 * What `pulumi destroy` would do to the stack a plan deployed, with the engine's rules
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go `GenerateDeletes`, step.go `DeleteStep`):
 *
 * - Every resource of the state is deleted, dependents before what they use (the reverse of the
 *   order the state holds them in, which is the order they were registered).
 * - A protected resource is refused with the engine's `deleteProtectedError` (step.go), checked
 *   before anything else, `retainOnDelete` included.
 * - With `--exclude-protected` the protected resources and everything they depend on (parent,
 *   provider, `dependsOn`, inputs) are left out of the destroy and stay in the state
 *   (pkg/cmd/pulumi/operations/destroy.go `getProtectedExcludes`, `TransitiveDependenciesOf`).
 * - A resource kept on delete (`retainOnDelete`) is dropped from the state without calling the
 *   provider: it stays in the account.
 * - Any other resource is deleted through its provider, which AWS may refuse (`delete-refusals.ts`).
 *
 * Afterwards the simulation lists what remains in the account: resources kept in the state or
 * dropped from it, refused deletions, and what deleting leaves behind (a database's final snapshot
 * and automated backups, a key pending deletion).
 */
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import { deleteRefusal } from "./delete-refusals";
import { isStateful } from "./stateful-types";

/** How `pulumi destroy` treats one resource. */
export type DestroyStepKind =
  /** Deleted through the provider. */
  | "delete"
  /** Dropped from the state, left in the account (`retainOnDelete`). */
  | "drop"
  /** Left out of the destroy and in the state (`--exclude-protected`). */
  | "keep";

/** One resource's fate in the destroy, in the order the engine reaches it. */
export interface DestroyChange {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly step: DestroyStepKind;
  /** True for types that hold data (`stateful-types.ts`). */
  readonly stateful: boolean;
  readonly reason: string;
  /** Why the engine or AWS would refuse this step; absent when it would not. */
  readonly error?: string;
}

/** Something left in the account after the destroy. */
export interface Remainder {
  /** What it is: a resource's type and name, or what a deletion leaves (a snapshot). */
  readonly what: string;
  readonly why: string;
  /** URN of the resource it is, or that left it behind. */
  readonly urn: string;
  /** "resource": the resource itself stays; "deletion": what deleting the resource leaves (a snapshot). */
  readonly source: "resource" | "deletion";
  /** True for what keeps running (instances, load balancers, NAT, databases, caches): a destroy should leave none. */
  readonly running: boolean;
}

export interface DestroySimulation {
  readonly changes: readonly DestroyChange[];
  /** The refusals of {@link changes}, one line each: the destroy stops there. */
  readonly errors: readonly string[];
  readonly remains: readonly Remainder[];
}

/** How the destroy is run. */
export interface DestroyOptions {
  /** `--exclude-protected`: leave protected resources and their dependencies in place. @default false */
  readonly excludeProtected?: boolean;
}

/** Types that run (and bill by the hour) while they exist. */
const RUNNING_TYPES: ReadonlySet<string> = new Set([
  "aws:autoscaling/group:Group",
  "aws:ec2/instance:Instance",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:rds/instance:Instance",
  "aws:elasticache/replicationGroup:ReplicationGroup",
]);

const isProvider = (r: PlannedResource) => r.type.startsWith("pulumi:providers:");
/** Resources that exist only in the state (random values, TLS keys): nothing of them is left in an account. */
const STATE_ONLY_PACKAGES = ["random:", "tls:"];
const inAccount = (type: string) => !STATE_ONLY_PACKAGES.some((p) => type.startsWith(p));

/** The engine's words for deleting a protected resource (pkg/resource/deploy/step.go, deleteProtectedError). */
export function deleteProtectedMessage(urn: string): string {
  return `resource "${urn}" cannot be deleted because it is protected. To unprotect the resource, either remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\`, or use the command: \`pulumi state unprotect '${urn}'\``;
}

/** Every URN `resource` depends on: parent, provider, `dependsOn` and inputs. */
function dependenciesOf(resource: PlannedResource, state: TenantPlan): string[] {
  return [
    ...(resource.parent ? [resource.parent] : []),
    ...(resource.provider ? [resource.provider.split("::").slice(0, 4).join("::")] : []),
    ...resource.options.dependsOn,
    ...Object.values(state.propertyDependencies[resource.urn] ?? {}).flat(),
  ];
}

/** The protected resources and, transitively, everything they depend on. */
function protectedClosure(state: TenantPlan): Set<string> {
  const byUrn = new Map(state.resources.map((r) => [r.urn, r]));
  const kept = new Set<string>();
  const visit = (urn: string) => {
    if (kept.has(urn)) return;
    kept.add(urn);
    const resource = byUrn.get(urn);
    if (resource) for (const dependency of dependenciesOf(resource, state)) visit(dependency);
  };
  for (const resource of state.resources) if (resource.options.protect) visit(resource.urn);
  return kept;
}

/** What deleting `resource` leaves in the account besides itself. */
function leftBehind(resource: PlannedResource): Remainder[] {
  const { inputs, urn } = resource;
  const left: Remainder[] = [];
  if (resource.type === "aws:rds/instance:Instance" && !inputs.replicateSourceDb) {
    // RDS takes the final snapshot before deleting (DeleteDBInstance FinalDBSnapshotIdentifier,
    // SkipFinalSnapshot), and keeps automated backups for their retention unless told to delete
    // them (DeleteAutomatedBackups; the provider's delete_automated_backups, default true).
    if (inputs.skipFinalSnapshot !== true && typeof inputs.finalSnapshotIdentifier === "string") {
      left.push({ what: `RDS snapshot ${inputs.finalSnapshotIdentifier}`, why: `final snapshot of ${resource.name}, kept until deleted by hand`, urn, source: "deletion", running: false });
    }
    if (inputs.deleteAutomatedBackups === false) {
      left.push({ what: `RDS automated backups of ${resource.name}`, why: `kept for their retention (${typeof inputs.backupRetentionPeriod === "number" ? inputs.backupRetentionPeriod : 7} days), then removed by RDS`, urn, source: "deletion", running: false });
    }
  }
  if (resource.type === "aws:kms/key:Key") {
    // ScheduleKeyDeletion with the key's deletion window (terraform-provider-aws
    // internal/service/kms/key.go, resourceKeyDelete; PendingWindowInDays, 7–30, default 30).
    left.push({ what: `KMS key ${resource.name}`, why: `pending deletion for ${typeof inputs.deletionWindowInDays === "number" ? inputs.deletionWindowInDays : 30} days (deletionWindowInDays), then deleted with everything only it can decrypt`, urn, source: "deletion", running: false });
  }
  return left;
}

/**
 * A key scheduled for deletion while something that stays in the account is encrypted with it: a
 * kept resource whose inputs name the key, or the final snapshot of a database it encrypts. Once
 * KMS deletes the key, that data cannot be decrypted (AWS KMS Developer Guide, "Deleting AWS KMS
 * keys"): the platform refuses the loss.
 */
function keyLosses(key: PlannedResource, state: TenantPlan, stays: ReadonlySet<string>, snapshots: ReadonlySet<string>): string | undefined {
  const users = state.resources.filter((r) => r.urn !== key.urn && Object.values(state.propertyDependencies[r.urn] ?? {}).some((urns) => urns.includes(key.urn))
    && (stays.has(r.urn) || snapshots.has(r.urn)));
  if (users.length === 0) return undefined;
  return `KMS would delete the key after its deletion window, and ${users.map((u) => `${u.type} ${u.name}${snapshots.has(u.urn) ? " (its final snapshot)" : ""}`).join(", ")} ${users.length > 1 ? "stay" : "stays"} encrypted with it, unreadable from then on; keep the key (retainOnDelete) until that data is gone`;
}

/** Simulates `pulumi destroy` of the stack `state` describes. */
export function simulateDestroy(state: TenantPlan, options: DestroyOptions = {}): DestroySimulation {
  const excluded = options.excludeProtected ? protectedClosure(state) : new Set<string>();
  const order = [...state.resources].reverse().filter((r) => r.custom && !isProvider(r));
  const changes: DestroyChange[] = [];
  for (const resource of order) {
    const base = { urn: resource.urn, type: resource.type, name: resource.name, stateful: isStateful(resource.type) };
    if (excluded.has(resource.urn)) {
      changes.push({ ...base, step: "keep", reason: resource.options.protect ? "protected: left out by --exclude-protected" : "a protected resource depends on it: left out by --exclude-protected" });
    } else if (resource.options.protect) {
      changes.push({ ...base, step: "delete", reason: "protected", error: `${resource.type} ${resource.name}: ${deleteProtectedMessage(resource.urn)}` });
    } else if (resource.options.retainOnDelete) {
      changes.push({ ...base, step: "drop", reason: "retainOnDelete: dropped from the state, left in the account" });
    } else {
      const refusal = deleteRefusal(resource, state);
      changes.push({ ...base, step: "delete", reason: "deleted", ...(refusal ? { error: `${resource.type} ${resource.name}: ${refusal}` } : {}) });
    }
  }
  const stays = new Set(changes.filter((c) => c.step !== "delete" || c.error).map((c) => c.urn));
  const deletedDatabases = new Set(changes.filter((c) => c.step === "delete" && !c.error && c.type === "aws:rds/instance:Instance").map((c) => c.urn));
  const byUrn = new Map(state.resources.map((r) => [r.urn, r]));
  const withLosses = changes.map((change) => {
    if (change.type !== "aws:kms/key:Key" || change.step !== "delete" || change.error) return change;
    const loss = keyLosses(byUrn.get(change.urn)!, state, stays, deletedDatabases);
    return loss ? { ...change, error: `${change.type} ${change.name}: ${loss}` } : change;
  });

  const remains: Remainder[] = [];
  for (const change of withLosses.filter((c) => inAccount(c.type))) {
    const resource = byUrn.get(change.urn)!;
    const running = RUNNING_TYPES.has(change.type);
    if (change.error) remains.push({ what: `${change.type} ${change.name}`, why: "its deletion is refused", urn: change.urn, source: "resource", running });
    else if (change.step === "keep") remains.push({ what: `${change.type} ${change.name}`, why: `kept in the stack (${change.reason})`, urn: change.urn, source: "resource", running });
    else if (change.step === "drop") remains.push({ what: `${change.type} ${change.name}`, why: "kept in the account, no longer in the stack (retainOnDelete)", urn: change.urn, source: "resource", running });
    else remains.push(...leftBehind(resource));
  }
  return {
    changes: withLosses,
    errors: withLosses.flatMap((c) => (c.error ? [c.error] : [])),
    remains,
  };
}

/**
 * In-place changes that hurt although nothing is replaced: what happens, and when. Each rule cites
 * the provider code or the AWS documentation it follows. Read from the two plans and the simulated
 * update (`update-simulation.ts`); refusals are `aws-refusals.ts`' job.
 */
import { formatFieldChange, formatValue } from "./field-values";
import { displayType } from "./plan-graph";
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
import { compareVersions } from "./aws-refusals";
import type { FieldChange, SimulatedChange } from "./update-simulation";
import { NO_NEW_VERSION } from "./recomputed-outputs";

/** One disruptive change. */
export interface DisruptionWarning {
  readonly urn: string;
  /** What happens, when, and the rule's source, in one paragraph. */
  readonly message: string;
}

/** What the rules read. */
export interface DisruptionInput {
  /** The plan of the deployed version. */
  readonly base: TenantPlan;
  /** The plan now. */
  readonly plan: TenantPlan;
  /** The simulated update's changes. */
  readonly changes: readonly SimulatedChange[];
}

const GROUP = "aws:autoscaling/group:Group";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const DB_INSTANCE = "aws:rds/instance:Instance";
const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const SUBNET = "aws:ec2/subnet:Subnet";

/**
 * Auto Scaling group inputs whose change starts an instance refresh when the group has an
 * `instanceRefresh` block (terraform-provider-aws internal/service/autoscaling/group.go,
 * `resourceGroupUpdate`: `shouldRefreshInstances` on launch_configuration, launch_template or
 * mixed_instances_policy, or on one of the block's `triggers`).
 */
const REFRESH_TRIGGERS = ["launchConfiguration", "launchTemplate", "mixedInstancesPolicy"];

const label = (type: string, name: string) => `${displayType(type)} ${name}`;
const record = (value: unknown): Record<string, unknown> => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const numberOf = (value: unknown): number | undefined => {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
};

function minutes(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/**
 * How long a rolling instance refresh of `count` instances takes at least. The refresh replaces
 * as many instances at a time as the range between the minimum and maximum healthy percentage of
 * the desired capacity allows (at least one), and after each batch waits the instance warmup once
 * the new instances are in service (Auto Scaling User Guide, "Understand the default values for an
 * instance refresh": minimum 90 % and maximum 100 % without an instance maintenance policy; warmup
 * the group's default instance warmup, else its health check grace period; RefreshPreferences,
 * InstanceWarmup: "waits before moving on to replacing the next instance").
 */
export function refreshDuration(count: number, minHealthy: number, maxHealthy: number, warmupSeconds: number): { batches: number; perBatch: number; seconds: number } {
  const perBatch = Math.max(1, Math.floor((count * (maxHealthy - minHealthy)) / 100));
  const batches = Math.ceil(count / perBatch);
  return { batches, perBatch, seconds: batches * warmupSeconds };
}

/** The refresh settings of a group: from its preferences, its instance maintenance policy, or AWS's defaults. */
function refreshSettings(group: PlannedResource): { minHealthy: number; maxHealthy: number; warmup: number; min: number; max: number } | undefined {
  const refresh = record(group.inputs["instanceRefresh"]);
  if (Object.keys(refresh).length === 0) return undefined;
  const preferences = record(refresh["preferences"]);
  const policy = record(group.inputs["instanceMaintenancePolicy"]);
  return {
    minHealthy: numberOf(preferences["minHealthyPercentage"]) ?? numberOf(policy["minHealthyPercentage"]) ?? 90,
    maxHealthy: numberOf(preferences["maxHealthyPercentage"]) ?? numberOf(policy["maxHealthyPercentage"]) ?? 100,
    // The provider's health_check_grace_period defaults to 300 s (internal/service/autoscaling/group.go).
    warmup: numberOf(preferences["instanceWarmup"]) ?? numberOf(group.inputs["defaultInstanceWarmup"]) ?? numberOf(group.inputs["healthCheckGracePeriod"]) ?? 300,
    min: numberOf(group.inputs["minSize"]) ?? 0,
    max: numberOf(group.inputs["maxSize"]) ?? 0,
  };
}

function changedValues(change: SimulatedChange | undefined, fields: readonly string[]): string {
  const values = (change?.values ?? []).filter((v: FieldChange) => fields.includes(v.field.split(".")[0]!));
  return values.map(formatFieldChange).join("; ");
}

/** Groups whose instances an update rolls: a new launch template version, or a refresh trigger of the group itself. */
function rollingRefreshes(input: DisruptionInput, byUrn: ReadonlyMap<string, SimulatedChange>): DisruptionWarning[] {
  const warnings: DisruptionWarning[] = [];
  for (const group of input.plan.resources.filter((r) => r.type === GROUP)) {
    const own = byUrn.get(group.urn);
    if (own && own.step !== "update") continue; // created, replaced or deleted: no refresh of its instances
    const settings = refreshSettings(group);
    if (!settings) continue;
    const causes: string[] = [];
    const ownTriggers = (own?.fields ?? []).filter((f) => REFRESH_TRIGGERS.includes(f));
    const templates = (input.plan.propertyDependencies[group.urn]?.["launchTemplate"] ?? []).map((urn) => byUrn.get(urn)).filter((c): c is SimulatedChange => c !== undefined && c.type === LAUNCH_TEMPLATE);
    for (const template of templates) {
      const versioned = template.fields.filter((f) => !NO_NEW_VERSION.has(f));
      if (template.step === "update" && versioned.length > 0) causes.push(`its launch template ${template.name} gets a new version (${changedValues(template, versioned)})`);
      if (template.step === "replace") causes.push(`its launch template ${template.name} is replaced`);
    }
    if (causes.length === 0 && ownTriggers.length > 0) causes.push(`its ${ownTriggers.join(", ")} changes`);
    if (causes.length === 0) continue;
    const { minHealthy, maxHealthy, warmup, min, max } = settings;
    const at = (count: number) => {
      const d = refreshDuration(count, minHealthy, maxHealthy, warmup);
      return `${count} instance${count === 1 ? "" : "s"}: ${d.batches} batch${d.batches === 1 ? "" : "es"} of up to ${d.perBatch}, at least ${minutes(d.seconds)}`;
    };
    const sizes = [...new Set([Math.max(min, 1), Math.max(max, 1)])];
    warnings.push({
      urn: group.urn,
      message: `${label(group.type, group.name)}: ${causes.join("; ")}, so pulumi up starts an instance refresh: every instance is replaced by a new one, rolling (min healthy ${minHealthy} %, max healthy ${maxHealthy} % of the desired capacity; each batch waits ${warmup} s of warmup once in service). The group runs ${min === max ? `${min}` : `${min} to ${max}`} instances: ${sizes.map(at).join("; ")}, plus each batch's boot and health checks. It starts when the group is updated and goes on after pulumi up returns. (terraform-provider-aws internal/service/autoscaling/group.go, resourceGroupUpdate; Auto Scaling User Guide, instance refresh.)`,
    });
  }
  return warnings;
}

/** When RDS or ElastiCache applies a modification. */
function whenApplied(resource: PlannedResource | undefined): string {
  if (resource?.inputs["applyImmediately"] === true) return "during pulumi up (applyImmediately: true)";
  // Without a window set, the service picks a weekly 30-minute one (RDS User Guide, "Maintaining a DB instance"; ElastiCache User Guide, "Managing maintenance").
  const window = typeof resource?.inputs["maintenanceWindow"] === "string" ? `${resource.inputs["maintenanceWindow"]} UTC` : "none is set: one the service picked";
  return `in the next maintenance window (${window}), after pulumi up has returned (applyImmediately: false; pulumi up applies it now only with applyImmediately: true)`;
}

/**
 * A DB instance's class, storage type, Multi-AZ setting or engine version changing in place.
 * RDS User Guide, "Settings for DB instances" (when each change occurs, downtime notes) and
 * "Using the Apply Immediately setting"; AWS Knowledge Center, "What factors affect my downtime
 * or database performance in Amazon RDS?" (a class change of a Multi-AZ instance modifies the
 * standby, then fails over, typically in 60–120 seconds). A lower engine version: RDS User Guide,
 * "Upgrading a DB instance engine version" (no downgrade; restore a snapshot instead).
 */
function databaseChanges(input: DisruptionInput): DisruptionWarning[] {
  const warnings: DisruptionWarning[] = [];
  const now = new Map(input.plan.resources.map((r) => [r.urn, r]));
  for (const change of input.changes.filter((c) => c.type === DB_INSTANCE && c.step === "update")) {
    const resource = now.get(change.urn);
    const when = whenApplied(resource);
    const value = (field: string) => (change.values ?? []).find((v) => v.field === field);
    const parts: string[] = [];
    const cls = value("instanceClass");
    const multiAz = resource?.inputs["multiAz"] === true;
    if (cls) parts.push(`the class changes (${formatFieldChange(cls)}): ${multiAz ? "RDS changes the standby first, then fails over to it: downtime while it fails over, typically 60 to 120 seconds" : "the instance restarts on a new host: an outage until the database has recovered (Single-AZ: no standby to fail over to)"}`);
    const storage = value("storageType");
    if (storage) parts.push(`the storage type changes (${formatFieldChange(storage)}): a brief outage while the change starts, then reduced performance until the storage optimization ends (hours for large volumes)`);
    const standby = value("multiAz");
    if (standby) parts.push(standby.after === true ? `a standby is added in another zone (${formatFieldChange(standby)}): no downtime, but RDS takes a snapshot and I/O is slower until the standby is in sync` : `the standby is removed (${formatFieldChange(standby)}): no downtime, but no failover from then on`);
    const version = value("engineVersion");
    if (version && typeof version.before === "string" && typeof version.after === "string" && compareVersions(version.after, version.before) < 0) {
      parts.push(`the engine version goes down (${formatFieldChange(version)}): RDS refuses, it cannot downgrade a DB instance; restore a snapshot taken on ${formatValue(version.after)} instead`);
    }
    if (parts.length === 0) continue;
    warnings.push({ urn: change.urn, message: `${label(change.type, change.name)}: ${parts.join("; ")}. Applied ${when}. (RDS User Guide, "Settings for DB instances".)` });
  }
  return warnings;
}

/**
 * A cache's node type changing: ElastiCache launches nodes of the new type, copies the data,
 * points the DNS names at them and deletes the old nodes, with a brief interruption (seconds) of
 * reads and writes; without ApplyImmediately in the next maintenance window (ElastiCache User
 * Guide, "Scaling up Valkey or Redis OSS clusters with replicas", "Scaling down …").
 */
function cacheNodeTypes(input: DisruptionInput): DisruptionWarning[] {
  const now = new Map(input.plan.resources.map((r) => [r.urn, r]));
  return input.changes.filter((c) => c.type === REPLICATION_GROUP && c.step === "update" && c.fields.includes("nodeType")).map((change) => ({
    urn: change.urn,
    message: `${label(change.type, change.name)}: the node type changes (${changedValues(change, ["nodeType"])}): ElastiCache launches nodes of the new type, copies the data to them, moves the endpoints' DNS names and deletes the old nodes: every node is replaced, with a brief interruption (seconds) of reads and writes. Applied ${whenApplied(now.get(change.urn))}. (ElastiCache User Guide, "Scaling up Valkey or Redis OSS clusters with replicas".)`,
  }));
}

/**
 * Zones the update takes away: every subnet of the zone deleted. An Auto Scaling group whose
 * subnets change terminates its instances in the zone it leaves and launches new ones in the
 * remaining zones, launching before terminating (Auto Scaling User Guide, "Add and remove
 * Availability Zones" and "Rebalancing activities").
 */
function removedZones(input: DisruptionInput, byUrn: ReadonlyMap<string, SimulatedChange>): DisruptionWarning[] {
  const zoneOf = (r: PlannedResource) => (typeof r.inputs["availabilityZone"] === "string" ? r.inputs["availabilityZone"] : undefined);
  const zonesNow = new Set(input.plan.resources.filter((r) => r.type === SUBNET).map(zoneOf));
  const before = new Map(input.base.resources.map((r) => [r.urn, r]));
  const deleted = input.changes.filter((c) => c.type === SUBNET && c.step === "delete").map((c) => before.get(c.urn)).filter((r): r is PlannedResource => r !== undefined);
  const zones = [...new Set(deleted.map(zoneOf))].filter((z): z is string => z !== undefined && !zonesNow.has(z)).sort();
  const groups = input.plan.resources.filter((r) => r.type === GROUP && byUrn.get(r.urn)?.fields.includes("vpcZoneIdentifiers"));
  return zones.map((zone) => {
    const subnets = deleted.filter((s) => zoneOf(s) === zone).map((s) => s.name).sort();
    const moved = groups.length > 0
      ? ` ${groups.map((g) => label(g.type, g.name)).join(", ")} ${groups.length > 1 ? "leave" : "leaves"} the zone: the instances there are terminated and new ones launched in the remaining zones (new ones first), during pulumi up.`
      : "";
    return {
      urn: deleted.find((s) => zoneOf(s) === zone)!.urn,
      message: `zone ${zone} is removed: its subnets ${subnets.join(", ")} are deleted at the end of the update.${moved} Whatever else runs in the zone (a database, its standby, cache nodes) must leave it first. (Auto Scaling User Guide, "Add and remove Availability Zones", "Rebalancing activities".)`,
    };
  });
}

/** Every disruptive in-place change of an update. */
export function disruptionWarnings(input: DisruptionInput): DisruptionWarning[] {
  const byUrn = new Map(input.changes.map((c) => [c.urn, c]));
  return [...databaseChanges(input), ...cacheNodeTypes(input), ...rollingRefreshes(input, byUrn), ...removedZones(input, byUrn)];
}

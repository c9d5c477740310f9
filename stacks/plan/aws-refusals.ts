/**
 * Steps of an update that the engine would run but AWS would refuse, because a resource is still
 * in use by another one when the step reaches it. No provider schema says so; each rule cites the
 * API that refuses.
 */
import type { PlannedResource, TenantPlan } from "./plan-types";
import type { SimulatedChange, SimulatedStep } from "./update-simulation";
import { causeOf } from "./tenant-cause";
import { deletionsRefused } from "./delete-refusals";

/** What the rules read. */
export interface RefusalInput {
  readonly base: TenantPlan;
  readonly plan: TenantPlan;
  /** The simulated changes by URN. */
  readonly changes: ReadonlyMap<string, SimulatedChange>;
  readonly changedFields: readonly string[];
}

export interface Refusal {
  readonly urn: string;
  /** The operation AWS refuses. */
  readonly at: SimulatedStep["op"];
  readonly message: string;
}

/** Subnet groups and the resources that run in their subnets. */
const SUBNET_GROUPS: Readonly<Record<string, { user: string; property: string; what: string; refusal: string }>> = {
  "aws:rds/subnetGroup:SubnetGroup": {
    user: "aws:rds/instance:Instance",
    property: "dbSubnetGroupName",
    what: "database (or its standby)",
    // RDS API reference, ModifyDBSubnetGroup, Errors: SubnetAlreadyInUse "The DB subnet is already in use in the Availability Zone."
    refusal: "RDS refuses to take a subnet in use out of a DB subnet group (ModifyDBSubnetGroup: SubnetAlreadyInUse)",
  },
  "aws:elasticache/subnetGroup:SubnetGroup": {
    user: "aws:elasticache/replicationGroup:ReplicationGroup",
    property: "subnetGroupName",
    what: "cache node",
    refusal: "ElastiCache keeps its nodes' network interfaces in the subnet",
  },
};

function dependsVia(plan: TenantPlan, urn: string, property: string, target: string): boolean {
  return (plan.propertyDependencies[urn]?.[property] ?? []).includes(target);
}

const removesOld = (change: SimulatedChange | undefined) => change?.step === "delete" || (change?.step === "replace" && change.mode !== undefined);

/**
 * A subnet deleted (or replaced) while a DB or cache subnet group that stays still lists it in the
 * deployed state, with a database or cache that stays: the resource may run in that subnet, and
 * which subnet it uses is known only in AWS. EC2 refuses to delete a subnet that still holds
 * network interfaces (DeleteSubnet: DependencyViolation; the provider retries until its delete
 * timeout, terraform-provider-aws internal/service/ec2/vpc_subnet.go resourceSubnetDelete).
 */
function subnetsInUse(input: RefusalInput): Refusal[] {
  const { base, changes, changedFields } = input;
  const byUrn = new Map(base.resources.map((r) => [r.urn, r]));
  const refusals: Refusal[] = [];
  for (const subnet of base.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet")) {
    if (!removesOld(changes.get(subnet.urn))) continue;
    for (const group of base.resources.filter((r) => SUBNET_GROUPS[r.type] && dependsVia(base, r.urn, "subnetIds", subnet.urn))) {
      if (changes.get(group.urn)?.step === "delete") continue;
      const rule = SUBNET_GROUPS[group.type]!;
      const users = base.resources.filter((r) => r.type === rule.user && dependsVia(base, r.urn, rule.property, group.urn) && changes.get(r.urn)?.step !== "delete");
      if (users.length === 0) continue;
      const zone = typeof subnet.inputs.availabilityZone === "string" ? ` in ${subnet.inputs.availabilityZone}` : "";
      refusals.push({
        urn: subnet.urn,
        at: changes.get(subnet.urn)?.step === "delete" ? "delete" : "delete-replaced",
        message: `aws:ec2/subnet:Subnet ${subnet.name}${zone}: would be deleted while ${group.type} ${group.name} holds it, and the ${rule.what} of ${users.map((u) => u.name).join(", ")} may run in it (which zone is known only in AWS): ${rule.refusal}, and EC2 refuses to delete a subnet that still holds network interfaces (DeleteSubnet: DependencyViolation)${causeOf(subnet, byUrn, changedFields)}. Remove a zone only after nothing of the data tier runs there.`,
      });
    }
  }
  return refusals;
}

/**
 * A DB parameter group replaced while the instance using it changes its engine version without
 * `applyImmediately`: RDS applies the version and the new group in the maintenance window, so the
 * old group is still in use when the update deletes it at the end (RDS API reference,
 * DeleteDBParameterGroup: "can't be associated with any DB instances", InvalidDBParameterGroupState;
 * ModifyDBInstance, ApplyImmediately). The provider retries that for 3 minutes and fails
 * (terraform-provider-aws internal/service/rds/parameter_group.go resourceParameterGroupDelete).
 */
function parameterGroupsInUse(input: RefusalInput): Refusal[] {
  const { plan, changes, changedFields } = input;
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const refusals: Refusal[] = [];
  for (const group of plan.resources.filter((r) => r.type === "aws:rds/parameterGroup:ParameterGroup")) {
    const change = changes.get(group.urn);
    if (change?.step !== "replace" || change.mode !== "create-before-delete") continue;
    const pending = plan.resources.filter((r: PlannedResource) =>
      r.type === "aws:rds/instance:Instance" && dependsVia(plan, r.urn, "parameterGroupName", group.urn)
      && changes.get(r.urn)?.step === "update" && changes.get(r.urn)!.fields.includes("engineVersion") && r.inputs.applyImmediately !== true);
    if (pending.length === 0) continue;
    refusals.push({
      urn: group.urn,
      at: "delete-replaced",
      message: `aws:rds/parameterGroup:ParameterGroup ${group.name}: the old group is deleted at the end of the update, but ${pending.map((p) => `${p.name} (engineVersion ${String(p.inputs.engineVersion)})`).join(", ")} keeps using it until the upgrade runs in the maintenance window (applyImmediately is false): RDS refuses to delete a parameter group a DB instance uses (DeleteDBParameterGroup: InvalidDBParameterGroupState)${causeOf(group, byUrn, changedFields)}. Upgrade with database.applyImmediately: true, or deploy again after the maintenance window.`,
    });
  }
  return refusals;
}

/** Every refusal the rules find. */
export function awsRefusals(input: RefusalInput): Refusal[] {
  return [...subnetsInUse(input), ...parameterGroupsInUse(input), ...deletionsRefused(input)];
}

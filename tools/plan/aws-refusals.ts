/**
 * Steps of an update that the engine would run but AWS would refuse, because a resource is still
 * in use by another one when the step reaches it. No provider schema says so; each rule cites the
 * API that refuses.
 */
import type { PlannedResource, TenantPlan } from "../../policies/plan-types";
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
  /** The operations in the order the engine runs them. @default [] */
  readonly steps?: readonly SimulatedStep[];
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

/** Compares dotted version numbers; negative when `a` is lower. */
export function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Engines whose read replicas must run the source's new major version before the source does. */
const REPLICAS_FIRST = new Set(["mysql", "mariadb"]);

/**
 * A MySQL or MariaDB source upgraded to a major version its read replicas do not run yet. The
 * engine updates the source first (each replica's `replicateSourceDb` comes from it), and RDS
 * needs every read replica of such a source upgraded before the source (RDS User Guide, "Upgrades
 * of the MariaDB DB engine": "you must upgrade all of the read replicas before upgrading the
 * source instance"; MySQL 8.4 Reference Manual 19.5.3: replication from a newer source to an
 * older replica is not supported). Replicas deleted by the same update still exist then:
 * deletions run last. PostgreSQL is not concerned: RDS upgrades its replicas with the primary
 * (RDS User Guide, "Choosing a major version for an RDS for PostgreSQL upgrade").
 */
function replicasBehind(input: RefusalInput): Refusal[] {
  const { base, plan, changes, changedFields } = input;
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const refusals: Refusal[] = [];
  for (const source of plan.resources.filter((r) => r.type === "aws:rds/instance:Instance")) {
    const change = changes.get(source.urn);
    const old = base.resources.find((r) => r.urn === source.urn);
    const version = source.inputs.engineVersion;
    if (change?.step !== "update" || !change.fields.includes("engineVersion") || !old || typeof version !== "string") continue;
    if (!REPLICAS_FIRST.has(String(source.inputs.engine))) continue;
    const behind = base.resources.filter((r) => dependsVia(base, r.urn, "replicateSourceDb", old.urn)).flatMap((replica) => {
      const running = replica.inputs.engineVersion ?? old.inputs.engineVersion;
      return typeof running === "string" && compareVersions(running, version) < 0 ? [`${replica.name} (${running})`] : [];
    });
    if (behind.length === 0) continue;
    refusals.push({
      urn: source.urn,
      at: "update",
      message: `aws:rds/instance:Instance ${source.name}: upgraded to ${String(source.inputs.engine)} ${version} while its read replicas ${behind.join(", ")} run an older version; RDS upgrades the read replicas of a MySQL or MariaDB source before the source, and the engine updates the source first${causeOf(source, byUrn, changedFields)}. Upgrade the replicas first: set database.replicaVersion: "${version}" (database.version unchanged) and deploy, then set database.version: "${version}" and remove database.replicaVersion.`,
    });
  }
  return refusals;
}

/** The URNs a resource's input comes from in `plan`, through a certificate validation (which passes the ARN on). */
function certificateSources(plan: TenantPlan, urn: string, property: string): string[] {
  return (plan.propertyDependencies[urn]?.[property] ?? []).flatMap((source) =>
    plan.resources.find((r) => r.urn === source)?.type === "aws:acm/certificateValidation:CertificateValidation"
      ? [source, ...(plan.propertyDependencies[source]?.certificateArn ?? [])]
      : [source]);
}

/**
 * An ACM certificate deleted while a load balancer listener still serves it: the listener must
 * move to its new certificate (an in-place ModifyListener) before the old one goes. ACM refuses
 * to delete a certificate in use (DeleteCertificate: ResourceInUseException); the provider retries
 * that for 20 minutes and fails (terraform-provider-aws internal/service/acm/certificate.go,
 * resourceCertificateDelete, certificateCrossServicePropagationTimeout). Create-before-delete
 * runs the listener's update before the deletions; delete-before-replace would not.
 */
function certificatesInUse(input: RefusalInput): Refusal[] {
  const { base, changes, changedFields, steps = [] } = input;
  const byUrn = new Map(base.resources.map((r) => [r.urn, r]));
  const firstStep = (urn: string, ops: readonly SimulatedStep["op"][]) => steps.findIndex((s) => s.urn === urn && ops.includes(s.op));
  const refusals: Refusal[] = [];
  for (const certificate of base.resources.filter((r) => r.type === "aws:acm/certificate:Certificate")) {
    const change = changes.get(certificate.urn);
    if (!removesOld(change)) continue;
    const at = change!.step === "delete" ? "delete" : "delete-replaced";
    const removal = firstStep(certificate.urn, [at]);
    const serving = base.resources.filter((r) => r.type === "aws:lb/listener:Listener" && certificateSources(base, r.urn, "certificateArn").includes(certificate.urn))
      .filter((listener) => {
        const moved = firstStep(listener.urn, ["update", "delete", "delete-replaced"]);
        return moved === -1 || moved > removal;
      });
    if (serving.length === 0) continue;
    refusals.push({
      urn: certificate.urn,
      at,
      message: `aws:acm/certificate:Certificate ${certificate.name}: deleted while the listener ${serving.map((l) => l.name).join(", ")} still serves it; ACM refuses to delete a certificate in use (DeleteCertificate: ResourceInUseException)${causeOf(certificate, byUrn, changedFields)}. Replace it create-before-delete, so that the listener moves to the new certificate first.`,
    });
  }
  return refusals;
}

/** Every refusal the rules find. */
export function awsRefusals(input: RefusalInput): Refusal[] {
  return [...subnetsInUse(input), ...parameterGroupsInUse(input), ...replicasBehind(input), ...certificatesInUse(input), ...deletionsRefused(input)];
}

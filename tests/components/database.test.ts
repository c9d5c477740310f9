/**
 * The Database component on its own: a small args object (PostgreSQL, one replica), explicit
 * providers, and what its doc comments promise (components/database/database.ts and args.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../policies/plan-types";
import { Database, REPLACEMENT_TAG } from "../../components/database";
import type { DatabaseArgs } from "../../components/database";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, conventionViolations, idOf } from "./conventions";
import { SAMPLE_DATABASE_ARGS } from "./sample-args";
import { CLIENT_GROUP_ID, KEY_ARN } from "./sample-ids";

const RDS = "aws:rds/instance:Instance";

const ARGS: DatabaseArgs = { ...SAMPLE_DATABASE_ARGS, readReplicas: 1 };

const planDatabase = (args: DatabaseArgs) => planComponent(({ opts }) => new Database("shop", args, opts));

let plan: ComponentPlan;
beforeAll(async () => {
  plan = await planDatabase(ARGS);
});

describe("Database, alone", () => {
  it("keeps the component conventions: children below it on the given providers, named shop-…, outputs registered", () => {
    expect(conventionViolations(plan, {
      type: "tenant-platform:database:Database",
      name: "shop",
      outputs: ["endpoint", "address", "replicaAddresses", "port", "masterSecretArn", "securityGroupId"],
    })).toEqual([]);
    const primary = child(plan, RDS, "shop-db");
    expect(plan.componentOutputs).toEqual({
      endpoint: `${String(plan.componentOutputs["address"])}:5432`,
      address: expect.stringMatching(/^shop-db\./),
      replicaAddresses: [expect.stringMatching(/^shop-db-replica-1\./)],
      port: 5432,
      masterSecretArn: expect.stringMatching(/^arn:aws:secretsmanager:eu-central-1:123456789012:secret:shop-db-master-/),
      securityGroupId: idOf(plan, child(plan, "aws:ec2/securityGroup:SecurityGroup", "shop-db")),
    });
    expect(primary.inputs["identifier"]).toBe("shop-db");
  });

  it("protects the primary: protect, retainOnDelete, deletion protection, a uniquely named final snapshot, backups kept", () => {
    const primary = child(plan, RDS, "shop-db");
    expect(primary.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(primary.inputs).toMatchObject({
      deletionProtection: true,
      skipFinalSnapshot: false,
      deleteAutomatedBackups: false,
      copyTagsToSnapshot: true,
    });
    const suffix = child(plan, "random:index/randomId:RandomId", "shop-db-final-snapshot");
    expect(suffix.inputs).toMatchObject({ byteLength: 4, keepers: { engine: "postgres", protected: "true" } });
    expect(primary.inputs["finalSnapshotIdentifier"]).toMatch(/^shop-db-final-[0-9a-f]{8}$/);
    // Arguments RDS fixes at creation are never changed afterwards (a change would replace it).
    expect(primary.options.ignoreChanges).toEqual(["dbName", "username", "snapshotIdentifier", "restoreToPointInTime", "kmsKeyId", "storageEncrypted"]);
  });

  it("encrypts storage, Performance Insights, the master secret and the exported logs with the given key; never public, TLS only", () => {
    const primary = child(plan, RDS, "shop-db");
    expect(primary.inputs).toMatchObject({
      storageEncrypted: true,
      kmsKeyId: KEY_ARN,
      performanceInsightsKmsKeyId: KEY_ARN,
      publiclyAccessible: false,
      iamDatabaseAuthenticationEnabled: true,
      password: SECRET_MASK,
      port: 5432,
    });
    expect(child(plan, "aws:secretsmanager/secret:Secret", "shop-db-master").inputs["kmsKeyId"]).toBe(KEY_ARN);
    const parameters = child(plan, "aws:rds/parameterGroup:ParameterGroup", "shop-db");
    expect(parameters.inputs["family"]).toBe("postgres16");
    expect(parameters.inputs["parameters"]).toContainEqual({ name: "rds.force_ssl", value: "1", applyMethod: "immediate" });
    expect(primary.inputs["parameterGroupName"]).toBe(idOf(plan, parameters));
    const logGroups = ["postgresql", "upgrade"].map((log) => child(plan, "aws:cloudwatch/logGroup:LogGroup", `shop-db-${log}`));
    expect(logGroups.map((g) => [g.inputs["name"], g.inputs["kmsKeyId"]])).toEqual([
      ["/aws/rds/instance/shop-db/postgresql", KEY_ARN],
      ["/aws/rds/instance/shop-db/upgrade", KEY_ARN],
    ]);
    // RDS would create them itself, unencrypted and kept forever, if the instance came first.
    expect(primary.options.dependsOn).toEqual(logGroups.map((g) => g.urn));
  });

  it("applies its documented defaults where the args leave them out", () => {
    expect(child(plan, RDS, "shop-db").inputs).toMatchObject({
      backupRetentionPeriod: 7,
      backupWindow: "02:00-03:00",
      maintenanceWindow: "sun:03:30-sun:04:30",
      applyImmediately: false,
      performanceInsightsEnabled: true,
      performanceInsightsRetentionPeriod: 7,
      monitoringInterval: 60,
      multiAz: false,
      maxAllocatedStorage: 100,
    });
    expect(child(plan, "aws:cloudwatch/logGroup:LogGroup", "shop-db-postgresql").inputs["retentionInDays"]).toBe(30);
  });

  it("admits only the given client groups, on the engine's port, in the given subnets", () => {
    const group = child(plan, "aws:ec2/securityGroup:SecurityGroup", "shop-db");
    expect(group.inputs["vpcId"]).toBe(ARGS.vpcId);
    expect(child(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "shop-db-from-client-1").inputs).toMatchObject({
      securityGroupId: idOf(plan, group), referencedSecurityGroupId: CLIENT_GROUP_ID, ipProtocol: "tcp", fromPort: 5432, toPort: 5432,
    });
    expect(child(plan, "aws:rds/subnetGroup:SubnetGroup", "shop-db").inputs["subnetIds"]).toEqual(ARGS.subnetIds);
    expect(child(plan, RDS, "shop-db").inputs["vpcSecurityGroupIds"]).toEqual([idOf(plan, group)]);
  });

  it("makes replicas removable and placed in the next zone: no final snapshot, not protected", () => {
    const replica = child(plan, RDS, "shop-db-replica-1");
    expect(replica.inputs).toMatchObject({
      identifier: "shop-db-replica-1",
      replicateSourceDb: "shop-db",
      availabilityZone: "eu-central-1b",
      skipFinalSnapshot: true,
      deletionProtection: false,
      publiclyAccessible: false,
    });
    expect(replica.options).toMatchObject({ protect: false, retainOnDelete: false, ignoreChanges: ["availabilityZone"] });
  });
});

describe("Database with a declared replacement", () => {
  let replaced: ComponentPlan;
  beforeAll(async () => {
    replaced = await planDatabase({ ...ARGS, replacementReason: "engine change to mysql" });
  });

  it("lifts protect, retainOnDelete and deletion protection, keeps the final snapshot and tags the reason", () => {
    const primary = child(replaced, RDS, "shop-db");
    expect(primary.options).toMatchObject({ protect: false, retainOnDelete: false });
    expect(primary.inputs).toMatchObject({ deletionProtection: false, skipFinalSnapshot: false, deleteAutomatedBackups: false });
    expect((primary.inputs["tags"] as Record<string, string>)[REPLACEMENT_TAG]).toBe("engine change to mysql");
    expect((child(plan, RDS, "shop-db").inputs["tags"] as Record<string, string>)[REPLACEMENT_TAG]).toBeUndefined();
    // The final snapshot's suffix is drawn anew, so the replaced database's snapshot gets a new name.
    expect(child(replaced, "random:index/randomId:RandomId", "shop-db-final-snapshot").inputs["keepers"]).toEqual({ engine: "postgres", protected: "false" });
  });

  it("renames nothing: the same children under the same URNs", () => {
    expect(replaced.descendants.map((r) => r.urn)).toEqual(plan.descendants.map((r) => r.urn));
  });
});

/**
 * The Database and Cache as the offline plan records them: safety, placement, no routine
 * replacement. What Database does with its args alone (PostgreSQL's settings among them) is
 * tested in tests/components/database.test.ts.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TenantPlan } from "../../policies/plan-types";
import { SECRET_MASK } from "../../policies/plan-types";
import { idOf, named } from "../helpers/plan-queries";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { editPlan } from "../helpers/edit-plan";
import { writtenFiles } from "../../components/web-tier/cloud-config-files";
import { simulateUpdate } from "../../tools/plan/update-simulation";

afterEach(removeTempFolders);

const RDS = "aws:rds/instance:Instance";
const keyArnOf = (plan: TenantPlan) => `arn:aws:kms:eu-central-1:123456789012:key/${idOf(plan, ofType(plan, "aws:kms/key:Key")[0]!)}`;


describe("Database", () => {
  /** The MySQL tenant, and the same with a standby and three replicas: each planned once for the tests that only read them. */
  let mysql: TenantPlan;
  let replicated: TenantPlan;
  beforeAll(async () => {
    mysql = await planYaml("acme", dataTenantYaml(MYSQL));
    replicated = await planYaml("acme", dataTenantYaml([...MYSQL, "standby: true", "readReplicas: 3"]));
  });

  it("is encrypted, private, TLS-only, with a platform-kept password and IAM authentication", () => {
    const plan = mysql;
    const db = named(plan, RDS, "acme-db");
    expect(db.inputs).toMatchObject({
      identifier: "acme-db",
      engine: "mysql",
      engineVersion: "8.0",
      storageEncrypted: true,
      kmsKeyId: keyArnOf(plan),
      publiclyAccessible: false,
      iamDatabaseAuthenticationEnabled: true,
      storageType: "gp3",
      allocatedStorage: 20,
      maxAllocatedStorage: 100,
      autoMinorVersionUpgrade: true,
      dbName: "app",
      username: "app_admin",
    });
    // RDS cannot create a read replica of a primary whose password it manages: the platform keeps it.
    expect(db.inputs["manageMasterUserPassword"]).toBeUndefined();
    expect(db.inputs["password"]).toBe(SECRET_MASK);
    const secret = named(plan, "aws:secretsmanager/secret:Secret", "acme-db-master");
    expect(secret.inputs["kmsKeyId"]).toBe(keyArnOf(plan));
    expect(named(plan, "aws:secretsmanager/secretVersion:SecretVersion", "acme-db-master").inputs).toMatchObject({ secretId: idOf(plan, secret), secretString: SECRET_MASK });
    const parameters = named(plan, "aws:rds/parameterGroup:ParameterGroup", "acme-db");
    expect(parameters.inputs["family"]).toBe("mysql8.0");
    expect(parameters.inputs["parameters"]).toEqual(expect.arrayContaining([{ name: "require_secure_transport", value: "1", applyMethod: "immediate" }]));
    expect(db.inputs["parameterGroupName"]).toBe(idOf(plan, parameters));
  });

  it("has the id the provider stores: the resource id (db-…), not the identifier, so nothing may take the id for the identifier", () => {
    const plan = replicated;
    const db = named(plan, RDS, "acme-db");
    expect(idOf(plan, db)).toMatch(/^db-[0-9A-Z]+$/);
    expect(idOf(plan, db)).not.toBe("acme-db");
    // The replica names its source by identifier, which RDS and the provider accept, not by the id.
    expect(named(plan, RDS, "acme-db-replica-1").inputs["replicateSourceDb"]).toBe("acme-db");
    // No input anywhere carries the instance's id: an identifier, an address or an ARN is what AWS APIs take.
    const ids = plan.resources.filter((r) => r.type === RDS).map((r) => idOf(plan, r));
    expect(plan.resources.filter((r) => ids.some((id) => JSON.stringify(r.inputs).includes(id))).map((r) => r.name)).toEqual([]);
  });

  it("keeps backups, refuses deletion, takes a uniquely named final snapshot and is protected", async () => {
    const plan = await planYaml("acme", dataTenantYaml([...MYSQL, "backup: { retentionDays: 14, window: \"01:00-02:00\" }"]));
    const db = named(plan, RDS, "acme-db");
    expect(db.inputs).toMatchObject({
      backupRetentionPeriod: 14,
      backupWindow: "01:00-02:00",
      maintenanceWindow: "sun:03:30-sun:04:30",
      copyTagsToSnapshot: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      deleteAutomatedBackups: false,
    });
    expect(db.inputs["finalSnapshotIdentifier"]).toMatch(/^acme-db-final-[0-9a-f]{8}$/);
    expect(db.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(db.options.ignoreChanges).toEqual(["dbName", "username", "snapshotIdentifier", "restoreToPointInTime", "kmsKeyId", "storageEncrypted"]);
  });

  it("exports logs to encrypted log groups created first, with enhanced monitoring and Performance Insights", () => {
    const plan = mysql;
    const db = named(plan, RDS, "acme-db");
    expect(db.inputs).toMatchObject({
      enabledCloudwatchLogsExports: ["error", "slowquery"],
      monitoringInterval: 60,
      monitoringRoleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\/acme-db-monitoring-/),
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: keyArnOf(plan),
      performanceInsightsRetentionPeriod: 7,
    });
    const logGroups = ["error", "slowquery"].map((log) => named(plan, "aws:cloudwatch/logGroup:LogGroup", `acme-db-${log}`));
    expect(logGroups.map((g) => g.inputs["name"])).toEqual(["/aws/rds/instance/acme-db/error", "/aws/rds/instance/acme-db/slowquery"]);
    for (const group of logGroups) expect(group.inputs["kmsKeyId"]).toBe(keyArnOf(plan));
    expect(db.options.dependsOn).toEqual(logGroups.map((g) => g.urn));
  });

  it("sits in the isolated subnets and admits only the web instances and the application users' function on its port", () => {
    const plan = mysql;
    const subnetGroup = named(plan, "aws:rds/subnetGroup:SubnetGroup", "acme-db");
    const isolated = ["a", "b"].map((l) => idOf(plan, named(plan, "aws:ec2/subnet:Subnet", `acme-isolated-${l}`)));
    expect(subnetGroup.inputs["subnetIds"]).toEqual(isolated);
    const dbGroup = idOf(plan, named(plan, "aws:ec2/securityGroup:SecurityGroup", "acme-db"));
    const instances = idOf(plan, named(plan, "aws:ec2/securityGroup:SecurityGroup", "acme-instances"));
    const rules = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs["securityGroupId"] === dbGroup);
    const usersFunction = idOf(plan, named(plan, "aws:ec2/securityGroup:SecurityGroup", "acme-db-app-fn"));
    expect(rules.map((r) => r.inputs)).toEqual([
      expect.objectContaining({ referencedSecurityGroupId: instances, fromPort: 3306, toPort: 3306 }),
      expect.objectContaining({ referencedSecurityGroupId: usersFunction, fromPort: 3306, toPort: 3306 }),
    ]);
    expect(named(plan, RDS, "acme-db").inputs["vpcSecurityGroupIds"]).toEqual([dbGroup]);
  });

  it("runs a Multi-AZ standby and read replicas spread over the zones", () => {
    const plan = replicated;
    expect(named(plan, RDS, "acme-db").inputs["multiAz"]).toBe(true);
    const replicas = ofType(plan, RDS).filter((r) => r.name.includes("replica"));
    expect(replicas.map((r) => [r.name, r.inputs["availabilityZone"], r.inputs["replicateSourceDb"]])).toEqual([
      ["acme-db-replica-1", "eu-central-1b", "acme-db"],
      ["acme-db-replica-2", "eu-central-1a", "acme-db"],
      ["acme-db-replica-3", "eu-central-1b", "acme-db"],
    ]);
    for (const replica of replicas) {
      expect(replica.inputs).toMatchObject({ publiclyAccessible: false, instanceClass: "db.t4g.medium", skipFinalSnapshot: true });
      expect(replica.options.ignoreChanges).toEqual(["availabilityZone"]);
    }
  });

  it("exports each replica's logs into its own encrypted log groups, created first", () => {
    const plan = replicated;
    for (const n of [1, 2]) {
      const replica = named(plan, RDS, `acme-db-replica-${n}`);
      expect(replica.inputs["enabledCloudwatchLogsExports"]).toEqual(["error", "slowquery"]);
      const groups = ["error", "slowquery"].map((log) => named(plan, "aws:cloudwatch/logGroup:LogGroup", `acme-db-replica-${n}-${log}`));
      expect(groups.map((g) => g.inputs["name"])).toEqual([`/aws/rds/instance/acme-db-replica-${n}/error`, `/aws/rds/instance/acme-db-replica-${n}/slowquery`]);
      for (const group of groups) expect(group.inputs["kmsKeyId"]).toBe(keyArnOf(plan));
      expect(replica.options.dependsOn).toEqual(groups.map((g) => g.urn));
    }
  });

  it("leaves storage autoscaling out when the ceiling equals the allocation (RDS refuses an equal ceiling)", async () => {
    const plan = await planYaml("acme", dataTenantYaml([...MYSQL, "readReplicas: 1", "storage: { allocatedGiB: 50, maxGiB: 50 }"]));
    expect(named(plan, RDS, "acme-db").inputs).toMatchObject({ allocatedStorage: 50 });
    expect(named(plan, RDS, "acme-db").inputs["maxAllocatedStorage"]).toBeUndefined();
    expect(named(plan, RDS, "acme-db-replica-1").inputs["maxAllocatedStorage"]).toBeUndefined();
  });

  it("restores from a snapshot at creation, without the create-only names", async () => {
    const plan = await planYaml("acme", dataTenantYaml([...MYSQL, "restore: { snapshot: acme-db-final-1a2b3c4d }"]));
    const db = named(plan, RDS, "acme-db");
    expect(db.inputs["snapshotIdentifier"]).toBe("acme-db-final-1a2b3c4d");
    expect(db.inputs["dbName"]).toBeUndefined();
    expect(db.inputs["username"]).toBeUndefined();
  });

  it("restores to a point in time", async () => {
    const plan = await planYaml("acme", dataTenantYaml([...MYSQL, "restore: { pointInTime: { sourceInstance: old-db, time: 2026-11-20T03:00:00Z } }"]));
    expect(named(plan, RDS, "acme-db").inputs["restoreToPointInTime"]).toEqual({ sourceDbInstanceIdentifier: "old-db", restoreTime: "2026-11-20T03:00:00Z" });
  });

  it("lifts protection and deletion protection only when the file declares replacement", async () => {
    const plan = await planYaml("acme", dataTenantYaml([...MYSQL, "replacement: { allow: true, reason: engine moves from MySQL to PostgreSQL }"]));
    const db = named(plan, RDS, "acme-db");
    expect(db.options.protect).toBe(false);
    expect(db.inputs["deletionProtection"]).toBe(false);
    expect((db.inputs["tags"] as Record<string, string>)["tenant-platform:replacement"]).toBe("engine moves from MySQL to PostgreSQL");
    expect(db.inputs["skipFinalSnapshot"]).toBe(false);
  });

  describe("routine changes replace nothing", () => {
    const base = [...MYSQL, "standby: false", "readReplicas: 1", "storage: { allocatedGiB: 20, maxGiB: 100 }", "backup: { retentionDays: 7 }"];
    const changes: [string, string[]][] = [
      ["scale up the class", base.map((l) => l.replace("db.t4g.medium", "db.r7g.large"))],
      ["add a replica", base.map((l) => l.replace("readReplicas: 1", "readReplicas: 2"))],
      ["grow the storage", base.map((l) => l.replace("allocatedGiB: 20, maxGiB: 100", "allocatedGiB: 50, maxGiB: 500"))],
      ["turn on the standby", base.map((l) => l.replace("standby: false", "standby: true"))],
      ["keep backups longer", base.map((l) => l.replace("retentionDays: 7", "retentionDays: 30"))],
      ["upgrade the major version", base.map((l) => l.replace('version: "8.0"', 'version: "8.4"'))],
    ];
    it.each(changes)("%s", async (_label, changed) => {
      const before = await planYaml("acme", dataTenantYaml(base));
      const after = await planYaml("acme", dataTenantYaml(changed));
      const simulation = simulateUpdate(before, after);
      const database = simulation.changes.filter((c) => c.type === RDS || c.type === "aws:rds/subnetGroup:SubnetGroup");
      expect(database.filter((c) => c.step === "replace" || c.step === "delete").map((c) => `${c.step} ${c.name}`)).toEqual([]);
      expect(database.length).toBeGreaterThan(0);
    });
  });

  describe("on the planned instance, as the provider decides (replace-forcing.ts)", () => {
    /** The acme plan with the instance's inputs changed, simulated against the plan as it was. */
    const changeInstance = async (inputs: Record<string, unknown>) => {
      const before = await planYaml("acme", dataTenantYaml(MYSQL));
      const after = editPlan(before, { type: RDS, name: "acme-db" }, (current) => ({ ...current, ...inputs }));
      return simulateUpdate(before, after).changes.filter((c) => c.type === RDS);
    };

    it("renames it in place: a new identifier is ModifyDBInstance NewDBInstanceIdentifier since provider v5", async () => {
      expect(await changeInstance({ identifier: "acme-db-renamed" })).toEqual([expect.objectContaining({ name: "acme-db", step: "update", fields: ["identifier"] })]);
    });

    it("replaces it for a new engine", async () => {
      expect(await changeInstance({ engine: "postgres" })).toEqual([expect.objectContaining({ name: "acme-db", step: "replace", fields: ["engine"] })]);
    });
  });
});

describe("Cache", () => {
  it("encrypts at rest and in transit with an AUTH token kept in Secrets Manager, never in the plan", async () => {
    const plan = await planYaml("acme", dataTenantYaml(MYSQL, ["nodeType: cache.t4g.small"]));
    const group = named(plan, "aws:elasticache/replicationGroup:ReplicationGroup", "acme-cache");
    expect(group.inputs).toMatchObject({
      replicationGroupId: "acme-cache",
      engine: "valkey",
      nodeType: "cache.t4g.small",
      numCacheClusters: 1,
      automaticFailoverEnabled: false,
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      kmsKeyId: keyArnOf(plan),
      authToken: SECRET_MASK,
    });
    expect(named(plan, "aws:secretsmanager/secretVersion:SecretVersion", "acme-cache-auth").inputs["secretString"]).toBe(SECRET_MASK);
    expect(named(plan, "aws:secretsmanager/secret:Secret", "acme-cache-auth").inputs["kmsKeyId"]).toBe(keyArnOf(plan));
  });

  it("fails over to a replica in another zone when asked", async () => {
    const plan = await planYaml("acme", dataTenantYaml(MYSQL, ["nodeType: cache.t4g.small", "replica: true"]));
    expect(named(plan, "aws:elasticache/replicationGroup:ReplicationGroup", "acme-cache").inputs).toMatchObject({
      numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true,
    });
  });
});

describe("the application's connections", () => {
  it("reach the containers as plain endpoints and secret references, readable by the instance role only", async () => {
    const plan = await planYaml("acme", dataTenantYaml([...MYSQL, "readReplicas: 1"], ["nodeType: cache.t4g.small"]));
    const template = named(plan, "aws:ec2/launchTemplate:LaunchTemplate", "acme-web");
    const userData = Buffer.from(template.inputs["userData"] as string, "base64").toString("utf8");
    const files = writtenFiles(userData);
    const env = files["/etc/tenant/app.env"]!;
    expect(env).toContain("DATABASE_HOST=acme-db.");
    expect(env).toContain("DATABASE_PORT=3306\n");
    expect(env).toContain("DATABASE_NAME=app\n");
    expect(env).toMatch(/DATABASE_READER_HOSTS=acme-db-replica-1\./);
    expect(env).toContain("CACHE_HOST=master.acme-cache.");
    expect(env).toContain("CACHE_TLS=true\n");
    const script = files["/usr/local/sbin/tenant-app-secrets"]!;
    // The application's own user (alternating users), never the master user: user and password from one secret.
    expect(env).not.toContain("DATABASE_USER=");
    expect(script).toMatch(/resolve_secret DATABASE_USER 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:acme-db-app-secret-[^']+#username'/);
    expect(script).toMatch(/resolve_secret DATABASE_PASSWORD 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:acme-db-app-secret-[^']+#password'/);
    expect(script).not.toContain("acme-db-master");
    expect(script).toMatch(/resolve_secret CACHE_AUTH_TOKEN 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:acme-cache-auth-[^']+'/);
    const policy = JSON.parse(named(plan, "aws:iam/rolePolicy:RolePolicy", "acme-instances").inputs["policy"] as string);
    const secrets = policy.Statement.find((s: { Sid: string }) => s.Sid === "ReadOwnSecrets").Resource as string[];
    expect(secrets).toEqual(expect.arrayContaining([expect.stringMatching(/:secret:acme-db-app-secret-[\w-]+$/), expect.stringMatching(/:secret:acme-cache-auth-[\w-]+$/)]));
    // The instances cannot read the master credentials.
    expect(secrets.some((s) => s.includes("acme-db-master"))).toBe(false);
    expect(secrets.some((s) => s.includes("#"))).toBe(false);
  });
});

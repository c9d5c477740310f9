/**
 * Backup and Monitoring in a planned tenant: how the tenant file and the other components reach
 * them (keys, regions, the database's ARN, what the alarms watch, the file's thresholds). What
 * each does with its args is tested alone (tests/components/backup.test.ts, monitoring.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantPlan } from "../../policies/plan-types";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { idOf, named } from "../helpers/plan-queries";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

/** A tenant with web, database (one replica), cache, workers, locked backup and monitoring with thresholds of its own. */
function fullTenant(): string {
  const backup = ["snapshotsKeepDays: 10", "backupsKeepDays: 30", "continuousDays: 14", "vaultLock: { changeableForDays: 3 }"];
  const monitoring = ["alertEmails: [ops@acme.example]", "webhooks: [https://hooks.example.com/alerts]", "thresholds: { cpuPercent: 65, databaseFreeStorageGiB: 20 }"];
  return dataTenantYaml([...MYSQL, "readReplicas: 1"], ["nodeType: cache.t4g.small", "replica: true"])
    .replace("  region: eu-central-1\n", "  region: eu-central-1\n  backupRegion: eu-west-1\n")
    .replace("  loadBalancer:", "  workers: { command: [celery, worker] }\n  loadBalancer:")
    + ["backup:", ...backup.map((l) => `  ${l}`), "monitoring:", ...monitoring.map((l) => `  ${l}`), ""].join("\n");
}

let plan: TenantPlan;
/** The tenant key's ARN (a key's id is its key id). */
const tenantKeyArn = () => `arn:aws:kms:eu-central-1:123456789012:key/${idOf(plan, named(plan, "aws:kms/key:Key", "acme-key"))}`;
beforeAll(async () => {
  plan = await planYaml("acme", fullTenant());
});

describe("Backup", () => {
  it("keeps daily snapshots in a vault under the tenant key and copies them to a vault under the off-site key in the backup region", () => {
    const vault = named(plan, "aws:backup/vault:Vault", "acme-vault");
    const offsite = named(plan, "aws:backup/vault:Vault", "acme-offsite-vault");
    expect(offsite.inputs["region"]).toBe("eu-west-1");
    expect(vault.inputs["region"]).toBeUndefined();
    expect(vault.inputs["kmsKeyArn"]).toBe(tenantKeyArn());
    expect(offsite.inputs["kmsKeyArn"]).toMatch(/^arn:aws:kms:eu-west-1:/);
    const [daily] = named(plan, "aws:backup/plan:Plan", "acme-plan").inputs["rules"] as Record<string, unknown>[];
    expect(daily).toMatchObject({
      ruleName: "daily",
      targetVaultName: idOf(plan, vault),
      lifecycle: { deleteAfter: 10 },
      copyActions: [{ destinationVaultArn: `arn:aws:backup:eu-west-1:123456789012:backup-vault:${idOf(plan, offsite)}`, lifecycle: { deleteAfter: 30 } }],
    });
  });

  it("selects the database by ARN, not by tags", () => {
    const selection = ofType(plan, "aws:backup/selection:Selection")[0]!;
    expect(selection.inputs["resources"]).toEqual(["arn:aws:rds:eu-central-1:123456789012:db:acme-db"]);
    expect(selection.inputs["selectionTags"]).toBeUndefined();
  });

  it("takes continuous backup and the vault lock from the tenant file, each lock in its vault's region", () => {
    const rules = named(plan, "aws:backup/plan:Plan", "acme-plan").inputs["rules"] as Record<string, unknown>[];
    expect(rules[1]).toMatchObject({ ruleName: "continuous", enableContinuousBackup: true, lifecycle: { deleteAfter: 14 } });
    const locks = ofType(plan, "aws:backup/vaultLockConfiguration:VaultLockConfiguration");
    expect(locks.map((l) => [l.name, l.inputs["changeableForDays"], l.inputs["region"]])).toEqual([
      ["acme-vault-lock", 3, undefined],
      ["acme-offsite-vault-lock", 3, "eu-west-1"],
    ]);
  });

  it("keeps files in a versioned, encrypted, private bucket replicated to the backup region", () => {
    const bucket = named(plan, "aws:s3/bucket:Bucket", "acme-backups");
    const offsite = named(plan, "aws:s3/bucket:Bucket", "acme-backups-offsite");
    expect(offsite.inputs["region"]).toBe("eu-west-1");
    for (const b of [bucket, offsite]) {
      expect(b.options).toMatchObject({ protect: true, retainOnDelete: true });
      const id = idOf(plan, b);
      const of = (type: string) => ofType(plan, type).find((r) => r.inputs["bucket"] === id)!;
      expect(of("aws:s3/bucketVersioning:BucketVersioning").inputs["versioningConfiguration"]).toEqual({ status: "Enabled" });
      expect(of("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      expect(of("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs["rule"]).toEqual({ objectOwnership: "BucketOwnerEnforced" });
      expect((of("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs["rules"] as { applyServerSideEncryptionByDefault: { sseAlgorithm: string } }[])[0]!.applyServerSideEncryptionByDefault.sseAlgorithm).toBe("aws:kms");
      const policy = JSON.parse(of("aws:s3/bucketPolicy:BucketPolicy").inputs["policy"] as string);
      expect(policy.Statement[0]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
      expect((of("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs["rules"] as { noncurrentVersionExpiration: unknown }[])[0]!.noncurrentVersionExpiration).toEqual({ noncurrentDays: 30 });
    }
    const replication = named(plan, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", "acme-backups");
    expect((replication.inputs["rules"] as { destination: { bucket: string } }[])[0]!.destination.bucket).toBe(`arn:aws:s3:::${idOf(plan, offsite)}`);
  });

  it("restores the latest database recovery point weekly into the tenant's own subnets", () => {
    const testing = named(plan, "aws:backup/restoreTestingPlan:RestoreTestingPlan", "acme-restore-test");
    expect(testing.inputs).toMatchObject({ name: "acme_restore_test", scheduleExpression: "cron(0 5 ? * SUN *)" });
    const selection = named(plan, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "acme-restore-test-database");
    const dbGroup = idOf(plan, named(plan, "aws:ec2/securityGroup:SecurityGroup", "acme-db"));
    expect(selection.inputs).toMatchObject({
      protectedResourceType: "RDS",
      protectedResourceArns: ["arn:aws:rds:eu-central-1:123456789012:db:acme-db"],
      restoreMetadataOverrides: { vpcSecurityGroupIds: JSON.stringify([dbGroup]) },
    });
  });
});

describe("Monitoring", () => {
  it("encrypts the alert topic with the tenant key and subscribes the file's addresses and webhooks", () => {
    expect(named(plan, "aws:sns/topic:Topic", "acme-alerts").inputs["kmsMasterKeyId"]).toBe(tenantKeyArn());
    expect(ofType(plan, "aws:sns/topicSubscription:TopicSubscription").map((s) => [s.inputs["protocol"], s.inputs["endpoint"]])).toEqual([
      ["email", "ops@acme.example"],
      ["https", "https://hooks.example.com/alerts"],
    ]);
  });

  it("watches every tier the tenant has, by the names the other components give them", () => {
    const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.map((a) => a.name.replace("acme-", "")).sort()).toEqual([
      "cache-001-evictions", "cache-001-memory", "cache-002-evictions", "cache-002-memory",
      "database-connections", "database-cpu", "database-free-memory", "database-free-storage",
      "dead-letters", "http-5xx-rate", "no-healthy-hosts", "queue-age", "replica-1-lag", "response-time-p95", "unhealthy-hosts", "web-cpu",
    ]);
    const dimensions = (name: string) => named(plan, "aws:cloudwatch/metricAlarm:MetricAlarm", `acme-${name}`).inputs["dimensions"];
    expect(dimensions("web-cpu")).toEqual({ AutoScalingGroupName: idOf(plan, named(plan, "aws:autoscaling/group:Group", "acme-web")) });
    expect(dimensions("database-cpu")).toEqual({ DBInstanceIdentifier: "acme-db" });
    // A queue's id is its URL, which ends with its name.
    const jobs = ofType(plan, "aws:sqs/queue:Queue").find((q) => q.name.endsWith("-jobs"))!;
    expect(dimensions("queue-age")).toEqual({ QueueName: idOf(plan, jobs).split("/").pop() });
    expect(dimensions("cache-002-memory")).toEqual({ CacheClusterId: "acme-cache-002" });
  });

  it("takes thresholds from the tenant file", () => {
    expect(named(plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "acme-web-cpu").inputs["threshold"]).toBe(65);
    expect(named(plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "acme-database-free-storage").inputs["threshold"]).toBe(20 * 1024 ** 3);
  });
});

/** Backup and Monitoring as the offline plan records them. */
import { afterEach, describe, expect, it } from "vitest";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { idOf, named } from "../helpers/plan-queries";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";

afterEach(removeTempFolders);


/** A tenant with web, database (one replica), cache, workers, backup and monitoring. */
function fullTenant(backup: string[] = ["snapshotsKeepDays: 10", "backupsKeepDays: 30"], monitoring = ["alertEmails: [ops@acme.example]", "webhooks: [https://hooks.example.com/alerts]"]): string {
  return dataTenantYaml([...MYSQL, "readReplicas: 1"], ["nodeType: cache.t4g.small", "replica: true"])
    .replace("  region: eu-central-1\n", "  region: eu-central-1\n  backupRegion: eu-west-1\n")
    .replace("  loadBalancer:", "  workers: { command: [celery, worker] }\n  loadBalancer:")
    + ["backup:", ...backup.map((l) => `  ${l}`), "monitoring:", ...monitoring.map((l) => `  ${l}`), ""].join("\n");
}

describe("Backup", () => {
  it("keeps daily snapshots N days locally and copies them M days to a vault in the backup region", async () => {
    const plan = await planYaml("acme", fullTenant());
    const vault = named(plan, "aws:backup/vault:Vault", "acme-vault");
    const offsite = named(plan, "aws:backup/vault:Vault", "acme-offsite-vault");
    expect(offsite.inputs["region"]).toBe("eu-west-1");
    expect(vault.inputs["region"]).toBeUndefined();
    expect(vault.inputs["kmsKeyArn"]).toMatch(/^arn:aws:kms:eu-central-1:/);
    expect(offsite.inputs["kmsKeyArn"]).toMatch(/^arn:aws:kms:eu-west-1:/);
    const [daily] = named(plan, "aws:backup/plan:Plan", "acme-plan").inputs["rules"] as Record<string, unknown>[];
    expect(daily).toMatchObject({
      ruleName: "daily",
      targetVaultName: idOf(plan, vault),
      schedule: "cron(0 3 * * ? *)",
      lifecycle: { deleteAfter: 10 },
      copyActions: [{ destinationVaultArn: `arn:aws:backup:eu-west-1:123456789012:backup-vault:${idOf(plan, offsite)}`, lifecycle: { deleteAfter: 30 } }],
    });
    for (const v of [vault, offsite]) expect(v.options).toMatchObject({ protect: true, retainOnDelete: true });
  });

  it("selects the database by ARN, not by tags", async () => {
    const plan = await planYaml("acme", fullTenant());
    const selection = ofType(plan, "aws:backup/selection:Selection")[0]!;
    expect(selection.inputs["resources"]).toEqual(["arn:aws:rds:eu-central-1:123456789012:db:acme-db"]);
    expect(selection.inputs["selectionTags"]).toBeUndefined();
  });

  it("adds continuous backup and locks the vaults when asked", async () => {
    const plan = await planYaml("acme", fullTenant(["continuousDays: 14", "vaultLock: { changeableForDays: 3 }"]));
    const rules = named(plan, "aws:backup/plan:Plan", "acme-plan").inputs["rules"] as Record<string, unknown>[];
    expect(rules[1]).toMatchObject({ ruleName: "continuous", enableContinuousBackup: true, lifecycle: { deleteAfter: 14 } });
    const locks = ofType(plan, "aws:backup/vaultLockConfiguration:VaultLockConfiguration");
    expect(locks.map((l) => [l.name, l.inputs["changeableForDays"], l.inputs["region"]])).toEqual([
      ["acme-vault-lock", 3, undefined],
      ["acme-offsite-vault-lock", 3, "eu-west-1"],
    ]);
  });

  it("keeps files in a versioned, encrypted, private bucket replicated to the backup region", async () => {
    const plan = await planYaml("acme", fullTenant());
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

  it("restores the latest database recovery point weekly into the tenant's own subnets", async () => {
    const plan = await planYaml("acme", fullTenant());
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
  it("sends alarms to an encrypted topic with e-mail and webhook subscriptions", async () => {
    const plan = await planYaml("acme", fullTenant());
    const topic = named(plan, "aws:sns/topic:Topic", "acme-alerts");
    expect(topic.inputs["kmsMasterKeyId"]).toMatch(/^arn:aws:kms:eu-central-1:/);
    expect(ofType(plan, "aws:sns/topicSubscription:TopicSubscription").map((s) => [s.inputs["protocol"], s.inputs["endpoint"]])).toEqual([
      ["email", "ops@acme.example"],
      ["https", "https://hooks.example.com/alerts"],
    ]);
  });

  it("watches every tier on 5-minute periods, alarming and clearing to the topic", async () => {
    const plan = await planYaml("acme", fullTenant());
    const topicArn = idOf(plan, named(plan, "aws:sns/topic:Topic", "acme-alerts"));
    const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.map((a) => a.name.replace("acme-", "")).sort()).toEqual([
      "cache-001-evictions", "cache-001-memory", "cache-002-evictions", "cache-002-memory",
      "database-connections", "database-cpu", "database-free-memory", "database-free-storage",
      "dead-letters", "http-5xx-rate", "no-healthy-hosts", "queue-age", "replica-1-lag", "response-time-p95", "unhealthy-hosts", "web-cpu",
    ]);
    for (const alarm of alarms) {
      expect(alarm.inputs["alarmActions"], alarm.name).toEqual([topicArn]);
      expect(alarm.inputs["okActions"], alarm.name).toEqual([topicArn]);
      expect(["breaching", "notBreaching", "missing"]).toContain(alarm.inputs["treatMissingData"]);
      const periods = alarm.inputs["metricQueries"]
        ? (alarm.inputs["metricQueries"] as { metric?: { period: number } }[]).filter((q) => q.metric).map((q) => q.metric!.period)
        : [alarm.inputs["period"]];
      for (const period of periods) expect(period, alarm.name).toBe(300);
    }
    expect(named(plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "acme-no-healthy-hosts").inputs["treatMissingData"]).toBe("breaching");
    expect(named(plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "acme-response-time-p95").inputs["extendedStatistic"]).toBe("p95");
  });

  it("does not page while the database and cache are being created (their metrics start later)", async () => {
    const plan = await planYaml("acme", fullTenant());
    const dataTier = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => /^acme-(database|replica|cache)-/.test(a.name));
    expect(dataTier.length).toBe(9);
    for (const alarm of dataTier) expect(alarm.inputs["treatMissingData"], alarm.name).not.toBe("breaching");
  });

  it("counts a replica that stopped replicating (ReplicaLag -1) as lagging", async () => {
    const plan = await planYaml("acme", fullTenant());
    const lag = named(plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "acme-replica-1-lag");
    const queries = lag.inputs["metricQueries"] as { id: string; expression?: string; returnData?: boolean }[];
    const effective = queries.find((q) => q.returnData)!;
    expect(effective.expression).toBe(`IF(lag < 0, ${Number(lag.inputs["threshold"]) + 1}, lag)`);
    expect(lag.inputs["comparisonOperator"]).toBe("GreaterThanThreshold");
  });

  it("takes thresholds from the tenant file", async () => {
    const plan = await planYaml("acme", fullTenant(undefined, ["alertEmails: [ops@acme.example]", "thresholds: { cpuPercent: 65, databaseFreeStorageGiB: 20 }"]));
    expect(named(plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "acme-web-cpu").inputs["threshold"]).toBe(65);
    expect(named(plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "acme-database-free-storage").inputs["threshold"]).toBe(20 * 1024 ** 3);
  });
});

/**
 * The Backup component on its own: what its doc comments promise (components/backup/backup.ts):
 * a vault in the provider's region and a copy vault in the backup region, each with its key, a
 * daily plan keeping snapshots N days and off-site copies M days, a selection of the given
 * resources, backup buckets replicated off-site; vaults and buckets protected and kept; optional
 * vault locks and continuous backup.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BACKUP_DEFAULTS, Backup, type BackupArgs } from "../../components/backup";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, conventionViolations, idOf } from "./conventions";
import { KEY_ARN, OFFSITE_KEY_ARN } from "./sample-ids";

const DATABASE_ARN = "arn:aws:rds:eu-central-1:123456789012:db:shop-db";
const VAULT = "aws:backup/vault:Vault";
const BUCKET = "aws:s3/bucket:Bucket";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

const ARGS: BackupArgs = { ...BACKUP_DEFAULTS, backupRegion: "eu-west-1", kmsKeyArn: KEY_ARN, offsiteKmsKeyArn: OFFSITE_KEY_ARN, resourceArns: [DATABASE_ARN] };

const planBackup = (args: BackupArgs) => planComponent(({ opts }) => new Backup("shop", args, opts));

let plan: ComponentPlan;
let locked: ComponentPlan;
beforeAll(async () => {
  plan = await planBackup(ARGS);
  locked = await planBackup({ ...ARGS, vaultLock: { changeableForDays: 3 }, continuousBackupDays: 7 });
});

describe("Backup, alone", () => {
  it("keeps the component conventions: children below it on the given provider, named shop-…, outputs registered", () => {
    expect(conventionViolations(plan, {
      type: "tenant-platform:backup:Backup",
      name: "shop",
      outputs: ["vaultArn", "offsiteVaultArn", "planId", "bucketName", "offsiteBucketName"],
    })).toEqual([]);
    expect(plan.componentOutputs["planId"]).toBe(idOf(plan, child(plan, "aws:backup/plan:Plan", "shop-plan")));
  });

  it("keeps its vaults and buckets: protected, retained on delete, never force-destroyed, each region with its key", () => {
    expect(child(plan, VAULT, "shop-vault").inputs).toMatchObject({ kmsKeyArn: KEY_ARN, forceDestroy: false });
    expect(child(plan, VAULT, "shop-offsite-vault").inputs).toMatchObject({ region: "eu-west-1", kmsKeyArn: OFFSITE_KEY_ARN, forceDestroy: false });
    expect(child(plan, BUCKET, "shop-backups-offsite").inputs).toMatchObject({ region: "eu-west-1", forceDestroy: false });
    for (const [type, name] of [[VAULT, "shop-vault"], [VAULT, "shop-offsite-vault"], [BUCKET, "shop-backups"], [BUCKET, "shop-backups-offsite"]] as const) {
      expect(child(plan, type, name).options, name).toMatchObject({ protect: true, retainOnDelete: true });
    }
  });

  it("backs the given resources up daily at its default time, keeps snapshots 10 days and off-site copies 30 by default", () => {
    const rules = child(plan, "aws:backup/plan:Plan", "shop-plan").inputs["rules"] as Record<string, unknown>[];
    expect(rules).toEqual([expect.objectContaining({
      ruleName: "daily",
      schedule: "cron(0 3 * * ? *)",
      lifecycle: { deleteAfter: 10 },
      copyActions: [{ destinationVaultArn: plan.componentOutputs["offsiteVaultArn"], lifecycle: { deleteAfter: 30 } }],
    })]);
    expect(child(plan, "aws:backup/selection:Selection", "shop-selection").inputs["resources"]).toEqual([DATABASE_ARN]);
    expect(plan.descendants.filter((r) => r.type === LOCK)).toEqual([]);
  });

  it("with a vault lock locks both vaults (kept like them) to retentions the copies fit in, and adds continuous backup", () => {
    const locks = locked.descendants.filter((r) => r.type === LOCK);
    expect(locks.map((l) => [l.name, l.inputs["minRetentionDays"], l.inputs["maxRetentionDays"], l.inputs["changeableForDays"]])).toEqual([
      ["shop-vault-lock", 10, 30, 3],
      ["shop-offsite-vault-lock", 30, 30, 3],
    ]);
    for (const lock of locks) expect(lock.options).toMatchObject({ protect: true, retainOnDelete: true });
    const rules = child(locked, "aws:backup/plan:Plan", "shop-plan").inputs["rules"] as Record<string, unknown>[];
    expect(rules.map((r) => r["ruleName"])).toEqual(["daily", "continuous"]);
    expect(rules[1]).toMatchObject({ enableContinuousBackup: true, lifecycle: { deleteAfter: 7 } });
  });
});

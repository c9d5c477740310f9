import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../shared/naming";
import { createSecureBucket } from "../shared/secure-bucket";
import { requireDefaultedArgs } from "../shared/required-args";
import { BACKUP_DEFAULTS } from "./defaults";
import { vaultLockMinRetentionDays } from "./vault-lock";

/**
 * Arguments of {@link Backup}. The settings the tenant schema fills are required; by hand, spread
 * the defaults: `{ ...BACKUP_DEFAULTS, backupRegion: "eu-west-1", … }`.
 */
export interface BackupArgs {
  /** Region of the off-site copies; not the tenant's region. */
  backupRegion: string;
  /** Key of the tenant's region (vault, backup bucket). */
  kmsKeyArn: pulumi.Input<string>;
  /** Key in the backup region (copy vault, replica bucket). */
  offsiteKmsKeyArn: pulumi.Input<string>;
  /** Resources AWS Backup protects, by ARN (the database). @default [] */
  resourceArns?: pulumi.Input<string>[];
  /** Days the daily snapshots stay in the tenant's region. The tenant schema's default is `BACKUP_DEFAULTS.snapshotsKeepDays`. */
  snapshotsKeepDays: number;
  /** Days the off-site copies of the daily backups are kept. The tenant schema's default is `BACKUP_DEFAULTS.backupsKeepDays`. */
  backupsKeepDays: number;
  /** When the daily backup starts, as an AWS cron expression (UTC). The tenant schema's default is `BACKUP_DEFAULTS.schedule`. */
  schedule: string;
  /**
   * Days of continuous backup (point-in-time restore through AWS Backup, 1–35); 0 turns it off.
   * The tenant schema's default is `BACKUP_DEFAULTS.continuousBackupDays`.
   */
  continuousBackupDays: number;
  /**
   * Lock both vaults (WORM): recovery points cannot be deleted before their retention ends, not
   * even by an administrator once `changeableForDays` has passed. @default undefined (unlocked)
   */
  vaultLock?: { changeableForDays: number };
  /**
   * Restore the latest database recovery point on this schedule and validate it, then delete the
   * restored copy. Needs the database's subnet group and security group. @default undefined (off)
   */
  restoreTesting?: {
    schedule: string;
    databaseArn: pulumi.Input<string>;
    subnetGroupName: pulumi.Input<string>;
    securityGroupIds: pulumi.Input<string>[];
    /**
     * End of the selection's name, after the plan's (letters, digits, `_`; the whole name at
     * most 50). Give a new one when `databaseArn` changes: the provider does not send a change
     * of `protected_resource_arns` alone to AWS (terraform-provider-aws
     * internal/service/backup/restore_testing_selection.go `Update` calls
     * UpdateRestoreTestingSelection only when the role, conditions, overrides or validation window
     * change), while a new `name` replaces the selection (`RequiresReplace`). @default "database"
     */
    selectionSuffix?: string;
  };
  tags?: Record<string, string>;
  /**
   * ARN of the managed policy every IAM role this component creates carries as its permissions
   * boundary: the most its policies can grant (IAM User Guide, access_policies_boundaries.html).
   * A deploy role whose policy requires one (the bootstrap's) cannot create the roles without it.
   * @default none
   */
  permissionsBoundary?: pulumi.Input<string>;
}

export { vaultLockMinRetentionDays } from "./vault-lock";

/**
 * Off-site copies with retention, and tested restores: an encrypted AWS Backup vault in the
 * tenant's region and a copy vault in the backup region (optionally locked), a daily plan that
 * keeps snapshots N days locally and copies M days off-site (LionsBase: 10 and 30), selections by
 * resource ARN, a backup bucket for files and dumps replicated to the backup region, and a restore
 * testing plan that restores the database's latest recovery point on a schedule.
 *
 * Vaults, keys and buckets are protected and kept when removed from the program.
 *
 * Cost: backup storage $0.095/GB-month for RDS snapshots (warm), cross-region copy data transfer
 * about $0.02/GB, S3 Standard $0.023/GB-month in both regions plus replication transfer; restore
 * tests cost the restored instance's hours while they run.
 */
export class Backup extends pulumi.ComponentResource {
  public readonly vault: aws.backup.Vault;
  public readonly offsiteVault: aws.backup.Vault;
  public readonly plan: aws.backup.Plan;
  public readonly bucket: aws.s3.Bucket;
  public readonly offsiteBucket: aws.s3.Bucket;
  public readonly bucketName: pulumi.Output<string>;

  constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenant-platform:backup:Backup", name, {}, opts);
    requireDefaultedArgs(name, args, BACKUP_DEFAULTS, "BACKUP_DEFAULTS");
    const parent = { parent: this };
    const tags = args.tags;
    const { snapshotsKeepDays, backupsKeepDays } = args;
    const kept = { parent: this, protect: true, retainOnDelete: true };

    this.vault = new aws.backup.Vault(`${name}-vault`, {
      kmsKeyArn: args.kmsKeyArn,
      forceDestroy: false,
      tags: nameTags(`${name}-vault`, tags),
    }, kept);
    this.offsiteVault = new aws.backup.Vault(`${name}-offsite-vault`, {
      region: args.backupRegion,
      kmsKeyArn: args.offsiteKmsKeyArn,
      forceDestroy: false,
      tags: nameTags(`${name}-offsite-vault`, tags),
    }, kept);
    if (args.vaultLock) {
      for (const [vault, label, region, days] of [
        [this.vault, "vault", undefined, snapshotsKeepDays],
        [this.offsiteVault, "offsite-vault", args.backupRegion, backupsKeepDays],
      ] as const) {
        new aws.backup.VaultLockConfiguration(`${name}-${label}-lock`, {
          region,
          backupVaultName: vault.name,
          minRetentionDays: vaultLockMinRetentionDays(days, backupsKeepDays),
          maxRetentionDays: Math.max(days, backupsKeepDays, args.continuousBackupDays),
          changeableForDays: args.vaultLock.changeableForDays,
        }, kept);
      }
    }

    const role = new aws.iam.Role(`${name}-backup`, {
      permissionsBoundary: args.permissionsBoundary,
      description: "Lets AWS Backup back up, copy and test-restore the tenant's resources",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      tags: nameTags(`${name}-backup`, tags),
    }, parent);
    for (const [label, policy] of [
      ["backup", aws.iam.ManagedPolicy.AWSBackupServiceRolePolicyForBackup],
      ["restores", aws.iam.ManagedPolicy.AWSBackupServiceRolePolicyForRestores],
    ] as const) {
      new aws.iam.RolePolicyAttachment(`${name}-backup-${label}`, { role: role.name, policyArn: policy }, parent);
    }

    const continuousDays = args.continuousBackupDays;
    this.plan = new aws.backup.Plan(`${name}-plan`, {
      rules: [
        {
          ruleName: "daily",
          targetVaultName: this.vault.name,
          schedule: args.schedule,
          startWindow: 60,
          completionWindow: 360,
          lifecycle: { deleteAfter: snapshotsKeepDays },
          copyActions: [{ destinationVaultArn: this.offsiteVault.arn, lifecycle: { deleteAfter: backupsKeepDays } }],
          recoveryPointTags: { ...tags, "tenant-platform:rule": "daily" },
        },
        ...(continuousDays > 0
          ? [{
              ruleName: "continuous",
              targetVaultName: this.vault.name,
              schedule: "cron(0 * * * ? *)",
              enableContinuousBackup: true,
              lifecycle: { deleteAfter: continuousDays },
              recoveryPointTags: { ...tags, "tenant-platform:rule": "continuous" },
            }]
          : []),
      ],
      tags: nameTags(`${name}-plan`, tags),
    }, parent);
    const resources = args.resourceArns ?? [];
    if (resources.length > 0) {
      new aws.backup.Selection(`${name}-selection`, {
        planId: this.plan.id,
        iamRoleArn: role.arn,
        resources,
      }, parent);
    }

    const primary = createSecureBucket(`${name}-backups`, { kmsKeyArn: args.kmsKeyArn, noncurrentVersionDays: backupsKeepDays, tags }, this);
    const offsite = createSecureBucket(`${name}-backups-offsite`, {
      region: args.backupRegion,
      kmsKeyArn: args.offsiteKmsKeyArn,
      noncurrentVersionDays: backupsKeepDays,
      tags,
    }, this);
    this.bucket = primary.bucket;
    this.offsiteBucket = offsite.bucket;
    this.bucketName = primary.bucket.bucket;
    this.replicate(name, primary, offsite, args);

    if (args.restoreTesting) this.testRestores(name, role, args.restoreTesting, tags);

    this.registerOutputs({
      vaultArn: this.vault.arn,
      offsiteVaultArn: this.offsiteVault.arn,
      planId: this.plan.id,
      bucketName: this.bucketName,
      offsiteBucketName: this.offsiteBucket.bucket,
    });
  }

  private replicate(
    name: string,
    primary: ReturnType<typeof createSecureBucket>,
    offsite: ReturnType<typeof createSecureBucket>,
    args: BackupArgs,
  ): void {
    const parent = { parent: this };
    const role = new aws.iam.Role(`${name}-replication`, {
      permissionsBoundary: args.permissionsBoundary,
      description: "Lets S3 replicate the backup bucket to the backup region",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      tags: nameTags(`${name}-replication`, args.tags),
    }, parent);
    new aws.iam.RolePolicy(`${name}-replication`, {
      role: role.id,
      policy: pulumi.all([primary.bucket.arn, offsite.bucket.arn, args.kmsKeyArn, args.offsiteKmsKeyArn]).apply(([source, target, key, offsiteKey]) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: source },
            { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: `${source}/*` },
            { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: `${target}/*` },
            { Effect: "Allow", Action: ["kms:Decrypt"], Resource: key },
            { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: offsiteKey },
          ],
        })),
    }, parent);
    new aws.s3.BucketReplicationConfig(`${name}-backups`, {
      bucket: primary.bucket.id,
      role: role.arn,
      rules: [{
        id: "offsite",
        status: "Enabled",
        filter: { prefix: "" },
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: {
          bucket: offsite.bucket.arn,
          encryptionConfiguration: { replicaKmsKeyId: args.offsiteKmsKeyArn },
        },
      }],
    }, { parent: this, dependsOn: [primary.versioning, offsite.versioning] });
  }

  private testRestores(name: string, role: aws.iam.Role, testing: NonNullable<BackupArgs["restoreTesting"]>, tags: Record<string, string> | undefined): void {
    const parent = { parent: this };
    // Restore testing plan names allow letters, digits and underscores only.
    const planName = `${name.replace(/[^A-Za-z0-9]/g, "_")}_restore_test`;
    const plan = new aws.backup.RestoreTestingPlan(`${name}-restore-test`, {
      name: planName,
      scheduleExpression: testing.schedule,
      scheduleExpressionTimezone: "Etc/UTC",
      startWindowHours: 8,
      recoveryPointSelection: {
        algorithm: "LATEST_WITHIN_WINDOW",
        includeVaults: [this.vault.arn],
        recoveryPointTypes: ["SNAPSHOT"],
        selectionWindowDays: 7,
      },
      tags: nameTags(`${name}-restore-test`, tags),
    }, parent);
    new aws.backup.RestoreTestingSelection(`${name}-restore-test-database`, {
      name: `${planName}_${testing.selectionSuffix ?? "database"}`,
      restoreTestingPlanName: plan.name,
      protectedResourceType: "RDS",
      iamRoleArn: role.arn,
      protectedResourceArns: [testing.databaseArn],
      validationWindowHours: 2,
      // Restore into the tenant's own isolated subnets, never a default VPC.
      restoreMetadataOverrides: {
        dbSubnetGroupName: testing.subnetGroupName,
        vpcSecurityGroupIds: pulumi.all(testing.securityGroupIds).apply((groups) => JSON.stringify(groups)),
      },
    }, parent);
  }
}

/** The tenant file → the arguments of its Backup. */
import type * as pulumi from "@pulumi/pulumi";
import type { BackupArgs } from "../../../components/backup";
import type { TenantSpec } from "../../../tenant-schema/tenant-schema";

/** The serving database as backups see it (a `Database` is one). */
export interface BackedUpDatabase {
  /** The serving primary. */
  readonly instance: { readonly arn: pulumi.Input<string>; readonly dbSubnetGroupName: pulumi.Input<string> };
  readonly securityGroup: { readonly id: pulumi.Input<string> };
  /** Its generation (1: the first). */
  readonly servingGeneration: number;
}

/** What backups take from outside the `backup` section. */
export interface BackupInputs {
  /** The tenant key and the off-site key (in `aws.backupRegion`). */
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly offsiteKmsKeyArn: pulumi.Input<string>;
  /** The database, if any: protected by ARN and restored by the restore tests. */
  readonly database?: BackedUpDatabase;
  /** Boundary of the backup roles. */
  readonly permissionsBoundary: pulumi.Input<string>;
}

/**
 * The vaults, plan, bucket and restore tests of the `backup` section; none without it or without
 * `aws.backupRegion`. Restore tests need a database.
 */
export function backupArgs(spec: TenantSpec, inputs: BackupInputs): BackupArgs | undefined {
  const { backup } = spec;
  const backupRegion = spec.aws.backupRegion;
  if (!backup || !backupRegion) return undefined;
  const { database } = inputs;
  return {
    backupRegion,
    kmsKeyArn: inputs.kmsKeyArn,
    offsiteKmsKeyArn: inputs.offsiteKmsKeyArn,
    resourceArns: database ? [database.instance.arn] : [],
    snapshotsKeepDays: backup.snapshotsKeepDays,
    backupsKeepDays: backup.backupsKeepDays,
    schedule: backup.schedule,
    continuousBackupDays: backup.continuousDays,
    vaultLock: backup.vaultLock,
    restoreTesting: database && backup.restoreTesting
      ? {
          schedule: backup.restoreTesting.schedule,
          // The provider updates a selection's name-bound fields but not its resources alone:
          // each serving generation gets a selection of its own (see BackupArgs).
          selectionSuffix: database.servingGeneration === 1 ? undefined : `db_g${database.servingGeneration}`,
          databaseArn: database.instance.arn,
          subnetGroupName: database.instance.dbSubnetGroupName,
          securityGroupIds: [database.securityGroup.id],
        }
      : undefined,
    permissionsBoundary: inputs.permissionsBoundary,
  };
}

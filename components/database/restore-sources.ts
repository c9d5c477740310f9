/**
 * The inputs that make the AWS provider create an instance by restoring instead of creating it
 * empty, and what the restored instance takes from its source.
 *
 * Read in hashicorp/terraform-provider-aws internal/service/rds/instance.go (`resourceInstanceCreate`,
 * search index id 1659451291; the schema is the same at @552c046):
 *
 * - `snapshot_identifier` calls RestoreDBInstanceFromDBSnapshot. It sends the engine, class,
 *   subnet group, security groups, parameter group, option group (only when set: the platform
 *   sets none), Multi-AZ, port, log exports and IAM authentication; it does not send `db_name`
 *   for MySQL, MariaDB and PostgreSQL, nor `username`, nor `kms_key_id` (the API takes no key):
 *   the database name, the master user name and the encryption key come from the snapshot. It
 *   then calls ModifyDBInstance for the engine version, allocated storage, storage type,
 *   autoscaling ceiling, backup retention and window, maintenance window, monitoring,
 *   Performance Insights and the master `password`, so the restored instance takes the file's
 *   values there and the component's password. A snapshot's storage cannot shrink and its engine
 *   version cannot go down, so those must be at least the snapshot's.
 * - `restore_to_point_in_time` calls RestoreDBInstanceToPointInTime with
 *   `source_db_instance_identifier` (or `source_dbi_resource_id`, or
 *   `source_db_instance_automated_backups_arn` for a deleted source's retained backups) and
 *   `restore_time` or `use_latest_restorable_time` (they conflict). The source's automated
 *   backups must exist: a running instance's, or retained ones. Storage, engine version, the
 *   database name, the master user name and the key come from the source; the password is set
 *   afterwards by ModifyDBInstance since hashicorp/terraform-provider-aws#35589 (v5.35.0, before
 *   the v6 line @pulumi/aws 7 bridges).
 * - Both are `ForceNew` and conflict with each other and with `replicate_source_db`: changing them
 *   on a running instance would replace it, which is why the component ignores their later
 *   changes (`CREATE_ONLY_INPUTS`) and a restore into a running tenant is a new generation.
 * - `manage_master_user_password` is applied after a restore only by ModifyDBInstance; the
 *   component does not use it (see `createMasterSecret`).
 */
import type { DatabaseRestoreArgs } from "./args";

/** The `snapshotIdentifier` / `restoreToPointInTime` inputs of an instance created from `restore`. */
export function restoreSources(restore: DatabaseRestoreArgs | undefined) {
  return {
    snapshotIdentifier: restore?.snapshotIdentifier,
    restoreToPointInTime: restore?.pointInTime
      ? {
          sourceDbInstanceIdentifier: restore.pointInTime.sourceInstanceIdentifier,
          restoreTime: restore.pointInTime.restoreTime,
          useLatestRestorableTime: restore.pointInTime.restoreTime ? undefined : true,
        }
      : undefined,
  };
}

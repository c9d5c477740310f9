/**
 * The defaults of {@link BackupArgs}: the component uses them for what its caller leaves out, and
 * the tenant-file schema fills its fields from them.
 */

/** What {@link BackupArgs} leaves out becomes. */
export const BACKUP_DEFAULTS = {
  snapshotsKeepDays: 10,
  backupsKeepDays: 30,
  schedule: "cron(0 3 * * ? *)",
  continuousBackupDays: 0,
} as const;

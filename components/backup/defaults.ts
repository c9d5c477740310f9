/**
 * The defaults of {@link BackupArgs}: the tenant-file schema fills its fields from them, and a
 * caller building the args by hand spreads them.
 */

/** The settings of {@link BackupArgs} a tenant file may leave out. */
export const BACKUP_DEFAULTS = {
  /** Days the daily snapshots stay in the tenant's region (LionsBase's 10). */
  snapshotsKeepDays: 10,
  /** Days the off-site copies are kept (LionsBase's 30). */
  backupsKeepDays: 30,
  /** The daily backup at 03:00 UTC, after the database's own backup window. */
  schedule: "cron(0 3 * * ? *)",
  /** No continuous backup. */
  continuousBackupDays: 0,
} as const;

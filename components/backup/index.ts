export { Backup, vaultLockMinRetentionDays } from "./backup";
export type { BackupArgs } from "./backup";
export { BACKUP_DEFAULTS } from "./defaults";

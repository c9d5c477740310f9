export { Backup, vaultLockMinRetentionDays } from "./backup";
export type { BackupArgs } from "./backup";

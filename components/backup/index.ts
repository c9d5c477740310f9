export { Backup } from "./backup";
export type { BackupArgs } from "./backup";

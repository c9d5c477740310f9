/**
 * The minimum retention a vault lock enforces on the vault it locks: the shorter of the vault's own
 * retention and the off-site copies', so that the daily recovery points and their copies both fit.
 */
export function vaultLockMinRetentionDays(vaultKeepDays: number, backupsKeepDays: number): number {
  return Math.min(vaultKeepDays, backupsKeepDays);
}

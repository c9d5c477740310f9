import { z } from "zod";

import { BACKUP_DEFAULTS } from "../../components/backup/defaults";
import { vaultLockMinRetentionDays } from "../../components/backup/vault-lock";
import { awsCronProblem } from "../cron";

/** An AWS cron expression (`cron(...)`, six fields) as AWS Backup schedules take it. */
function awsCron(example: string, meaning: string) {
  return z.string().superRefine((text, ctx) => {
    const problem = awsCronProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: `must be an AWS cron expression such as "${example}" (${meaning}): ${problem}` });
  });
}

/**
 * Why a backup plan's schedule runs jobs less than an hour apart, or undefined: AWS Backup refuses
 * such a rule with "The interval between backup jobs shouldn't be less than 60 minutes"
 * (https://repost.aws/questions/QUwYlivOoWTHi1nSuSGjTVFg/error-scheduling-backup-every-ten-minutes-in-aws-backup;
 * the BackupRule ScheduleExpression examples run at most hourly: "15 * ? * * * (take a backup
 * every hour at 15 minutes past the hour)"). One minutes value keeps runs an hour apart or more.
 */
export function backupFrequencyProblem(text: string): string | undefined {
  const minutes = /^cron\(\s*(\S+)/.exec(text.trim())?.[1];
  if (minutes === undefined || /^\d{1,2}$/.test(minutes)) return undefined;
  return `the minutes field "${minutes}" runs backups less than 60 minutes apart, which AWS Backup refuses; give one minute such as 0 (at most hourly)`;
}

/** When restore tests run unless the file says otherwise: 05:00 UTC on Sundays. */
const WEEKLY_RESTORE_TEST = "cron(0 5 ? * SUN *)";

/** Off-site backups with retention, and tested restores. */
export const backupSection = z
  .strictObject({
    snapshotsKeepDays: z.number().int().min(1).max(35).default(BACKUP_DEFAULTS.snapshotsKeepDays).describe("Days daily snapshots stay in the tenant's region."),
    backupsKeepDays: z.number().int().min(1).max(3650).default(BACKUP_DEFAULTS.backupsKeepDays).describe("Days the off-site copies (backup region) are kept."),
    schedule: awsCron(BACKUP_DEFAULTS.schedule, "03:00 UTC daily").superRefine((text, ctx) => {
      const problem = awsCronProblem(text) ? undefined : backupFrequencyProblem(text);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }).default(BACKUP_DEFAULTS.schedule),
    continuousDays: z.number().int().min(0).max(35).default(BACKUP_DEFAULTS.continuousBackupDays).describe("Days of point-in-time recovery through AWS Backup; 0 is off."),
    vaultLock: z.strictObject({
      changeableForDays: z.number().int().min(3).max(36500).describe("Days the lock can still be removed; after that even administrators cannot delete recovery points early."),
    }).optional().describe("Lock the vaults (immutable recovery points)."),
    restoreTesting: z.union([
      z.literal(false),
      z.strictObject({
        schedule: awsCron(WEEKLY_RESTORE_TEST, "05:00 UTC on Sundays").default(WEEKLY_RESTORE_TEST),
      }),
    ]).prefault({}).describe("Restore the latest database recovery point on a schedule and validate it (weekly by default)."),
  })
  .superRefine((backup, ctx) => {
    // The continuous rule writes into the local vault. A locked vault fails every backup job whose
    // retention is shorter than the lock's minimum (AWS Backup API reference,
    // PutBackupVaultLockConfiguration, MinRetentionDays: "If the job's retention period is shorter
    // than that minimum retention period, then the vault fails that backup or copy job"); continuous
    // backups are kept 1 to 35 days (AWS Backup Developer Guide, "Changing your retention period" of
    // point-in-time recovery).
    const minimum = vaultLockMinRetentionDays(backup.snapshotsKeepDays, backup.backupsKeepDays);
    if (backup.vaultLock && backup.continuousDays > 0 && backup.continuousDays < minimum) {
      ctx.addIssue({
        code: "custom",
        path: ["continuousDays"],
        message: `keeps continuous backups ${backup.continuousDays} days, shorter than the vault lock's minimum retention of ${minimum} days (the shorter of snapshotsKeepDays and backupsKeepDays): AWS Backup fails every continuous backup job into the locked vault. Keep them at least ${minimum} days (continuous backups allow 1 to 35)`,
      });
    }
  })
  .describe("AWS Backup vaults (local and off-site), daily plan, backup bucket replicated off-site, restore tests.");

export type BackupSpec = z.output<typeof backupSection>;

import { z } from "zod";

import { awsCronProblem } from "../cron";

/** An AWS cron expression (`cron(...)`, six fields) as AWS Backup schedules take it. */
function awsCron(example: string, meaning: string) {
  return z.string().superRefine((text, ctx) => {
    const problem = awsCronProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: `must be an AWS cron expression such as "${example}" (${meaning}): ${problem}` });
  });
}

/** Off-site backups with retention, and tested restores. */
export const backupSection = z
  .strictObject({
    snapshotsKeepDays: z.number().int().min(1).max(35).default(10).describe("Days daily snapshots stay in the tenant's region."),
    backupsKeepDays: z.number().int().min(1).max(3650).default(30).describe("Days the off-site copies (backup region) are kept."),
    schedule: awsCron("cron(0 3 * * ? *)", "03:00 UTC daily").default("cron(0 3 * * ? *)"),
    continuousDays: z.number().int().min(0).max(35).default(0).describe("Days of point-in-time recovery through AWS Backup; 0 is off."),
    vaultLock: z.strictObject({
      changeableForDays: z.number().int().min(3).max(36500).describe("Days the lock can still be removed; after that even administrators cannot delete recovery points early."),
    }).optional().describe("Lock the vaults (immutable recovery points)."),
    restoreTesting: z.union([
      z.literal(false),
      z.strictObject({
        schedule: awsCron("cron(0 5 ? * SUN *)", "05:00 UTC on Sundays").default("cron(0 5 ? * SUN *)"),
      }),
    ]).default({ schedule: "cron(0 5 ? * SUN *)" }).describe("Restore the latest database recovery point on a schedule and validate it (weekly by default)."),
  })
  .describe("AWS Backup vaults (local and off-site), daily plan, backup bucket replicated off-site, restore tests.");

export type BackupSpec = z.output<typeof backupSection>;

/** Validation of the backup and monitoring sections: nonsense is refused with its position. */
import { describe, expect, it } from "vitest";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { tenantYaml } from "../helpers/temp-tenants";

function messages(yaml: string): string {
  const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
  return result.ok ? "accepted" : formatIssues(result.issues).replaceAll("tenants/acme.yaml:", "");
}
const withBackupRegion = (region: string) => tenantYaml({}).replace("  region: eu-central-1\n", `  region: eu-central-1\n  backupRegion: ${region}\n`);

describe("backup and monitoring sections", () => {
  it("fill LionsBase's retention by default", () => {
    const result = parseTenant("tenants/acme.yaml", Buffer.from(`${withBackupRegion("eu-west-1")}backup: {}\n`));
    expect(result.ok && result.tenant.spec.backup).toEqual({
      snapshotsKeepDays: 10, backupsKeepDays: 30, schedule: "cron(0 3 * * ? *)", continuousDays: 0, restoreTesting: { schedule: "cron(0 5 ? * SUN *)" },
    });
  });

  it.each([
    ["a retention of 0 days", `${withBackupRegion("eu-west-1")}backup:\n  snapshotsKeepDays: 0\n`, "11:22: backup.snapshotsKeepDays: must be at least 1; got number 0"],
    ["backups without a backup region", `${tenantYaml({})}backup: {}\n`, "9:1: backup: copies off-site to aws.backupRegion: set it (a region other than aws.region)"],
    ["a backup region equal to the main region", `${withBackupRegion("eu-central-1")}backup: {}\n`,
      "3:17: aws.backupRegion: must differ from aws.region (eu-central-1): off-site copies need another region"],
    ["monitoring without an alert destination", `${tenantYaml({})}monitoring: { alertEmails: [] }\n`, "9:1: monitoring: alerts nobody: give alertEmails or webhooks"],
    ["a plain-HTTP webhook", `${tenantYaml({})}monitoring: { webhooks: [http://x.example/hook] }\n`, "9:26: monitoring.webhooks[0]: must be an https:// URL"],
    ["continuous backups shorter than the vault lock's minimum retention", `${withBackupRegion("eu-west-1")}backup:\n  snapshotsKeepDays: 14\n  continuousDays: 7\n  vaultLock: { changeableForDays: 3 }\n`,
      "12:19: backup.continuousDays: keeps continuous backups 7 days, shorter than the vault lock's minimum retention of 14 days (the shorter of snapshotsKeepDays and backupsKeepDays): AWS Backup fails every continuous backup job into the locked vault. Keep them at least 14 days (continuous backups allow 1 to 35)"],
    ["a Unix cron line", `${withBackupRegion("eu-west-1")}backup: { schedule: "0 3 * * *" }\n`,
      '10:21: backup.schedule: must be an AWS cron expression such as "cron(0 3 * * ? *)" (03:00 UTC daily): is not written cron(...)'],
  ])("refuse %s", (_label, yaml, expected) => {
    expect(messages(yaml)).toBe(expected);
  });

  it.each([
    ["as long as the lock's minimum", "  snapshotsKeepDays: 14\n  continuousDays: 14\n  vaultLock: { changeableForDays: 3 }\n"],
    ["without a lock", "  snapshotsKeepDays: 14\n  continuousDays: 7\n"],
    ["off, under a lock", "  snapshotsKeepDays: 14\n  continuousDays: 0\n  vaultLock: { changeableForDays: 3 }\n"],
  ])("accept continuous backups %s", (_label, lines) => {
    expect(messages(`${withBackupRegion("eu-west-1")}backup:\n${lines}`)).toBe("accepted");
  });
});

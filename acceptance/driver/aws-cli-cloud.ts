/**
 * The real {@link AcceptanceCloud}: the AWS CLI v2 (on every GitHub-hosted runner), JSON output,
 * with its automatic pagination (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-pagination.html).
 * Resources are found by the `tenant` tag every AWS resource of a tenant carries (the provider's
 * default tags, stacks/providers.ts). Each call names its command; the command reference is
 * https://docs.aws.amazon.com/cli/latest/reference/<service>/<command>.html.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { AcceptanceCloud, Leftover } from "./ports";

const execFileAsync = promisify(execFile);

/** Runs `aws <args> --region <region> --output json` and parses the answer ({} when empty). */
export type AwsCli = (args: readonly string[], region: string) => Promise<Record<string, unknown>>;

export const awsCli: AwsCli = async (args, region) => {
  const { stdout } = await execFileAsync("aws", [...args, "--region", region, "--output", "json"], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
};

type Json = Record<string, unknown>;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
/** A field of an answer as text (they are strings in every answer read here). */
const text = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));
const TAG_KEY = "tenant";

export class AwsCliCloud implements AcceptanceCloud {
  constructor(private readonly aws: AwsCli = awsCli) {}

  /** resourcegroupstaggingapi get-resources: ARNs tagged with the tenant, optionally of some types (`acm:certificate`). */
  private async tagged(tenant: string, region: string, types: readonly string[] = []): Promise<string[]> {
    const answer = await this.aws(["resourcegroupstaggingapi", "get-resources", "--tag-filters", `Key=${TAG_KEY},Values=${tenant}`,
      ...(types.length ? ["--resource-type-filters", ...types] : [])], region);
    return list(answer["ResourceTagMappingList"]).map((m) => text(m["ResourceARN"]));
  }

  async instanceRefreshes(tenant: string, region: string) {
    const groups = await this.aws(["autoscaling", "describe-auto-scaling-groups", "--filters", `Name=tag:${TAG_KEY},Values=${tenant}`], region);
    const names = list(groups["AutoScalingGroups"]).map((g) => text(g["AutoScalingGroupName"]));
    const result: { group: string; status: string }[] = [];
    for (const group of names) {
      // Newest first (DescribeInstanceRefreshes); a group never refreshed has none.
      const refreshes = await this.aws(["autoscaling", "describe-instance-refreshes", "--auto-scaling-group-name", group, "--max-records", "1"], region);
      const latest = list(refreshes["InstanceRefreshes"])[0];
      if (latest) result.push({ group, status: text(latest["Status"]) });
    }
    return result;
  }

  async certificates(tenant: string, region: string) {
    const arns = await this.tagged(tenant, region, ["acm:certificate"]);
    return Promise.all(arns.map(async (arn) => ({ arn, status: text(((await this.aws(["acm", "describe-certificate", "--certificate-arn", arn], region))["Certificate"] as Json)["Status"]) })));
  }

  async database(identifier: string, region: string) {
    try {
      const answer = await this.aws(["rds", "describe-db-instances", "--db-instance-identifier", identifier], region);
      const instance = list(answer["DBInstances"])[0];
      const address = (instance?.["Endpoint"] as Json | undefined)?.["Address"];
      return instance && address ? { arn: text(instance["DBInstanceArn"]), address: text(address) } : undefined;
    } catch (error) {
      if (/DBInstanceNotFound/.test((error as { stderr?: string }).stderr ?? (error as Error).message)) return undefined;
      throw error;
    }
  }

  async backupRoleArn(tenant: string, region: string): Promise<string> {
    const plans = list((await this.aws(["backup", "list-backup-plans"], region))["BackupPlansList"]);
    for (const plan of plans) {
      const tags = (await this.aws(["backup", "list-tags", "--resource-arn", text(plan["BackupPlanArn"])], region))["Tags"] as Json | undefined;
      if (tags?.[TAG_KEY] !== tenant) continue;
      const selection = list((await this.aws(["backup", "list-backup-selections", "--backup-plan-id", text(plan["BackupPlanId"])], region))["BackupSelectionsList"])[0];
      if (selection?.["IamRoleArn"]) return text(selection["IamRoleArn"]);
    }
    throw new Error(`no backup plan tagged ${TAG_KEY}=${tenant} with a selection in ${region}`);
  }

  async startBackupJob(args: { vaultName: string; resourceArn: string; roleArn: string; region: string }): Promise<string> {
    const answer = await this.aws(["backup", "start-backup-job", "--backup-vault-name", args.vaultName, "--resource-arn", args.resourceArn, "--iam-role-arn", args.roleArn], args.region);
    return text(answer["BackupJobId"]);
  }

  async backupJob(jobId: string, region: string) {
    const answer = await this.aws(["backup", "describe-backup-job", "--backup-job-id", jobId], region);
    return {
      state: text(answer["State"]),
      ...(answer["RecoveryPointArn"] ? { recoveryPointArn: text(answer["RecoveryPointArn"]) } : {}),
      ...(answer["StatusMessage"] ? { message: text(answer["StatusMessage"]) } : {}),
    };
  }

  async purgeRetainedData(tenant: string, regions: readonly string[]): Promise<string[]> {
    const done: string[] = [];
    for (const region of regions) {
      // Recovery points first: a vault is deleted only when empty (DeleteBackupVault).
      for (const vaultArn of await this.tagged(tenant, region, ["backup:backup-vault"])) {
        const vault = vaultArn.split(":").pop()!;
        const points = list((await this.aws(["backup", "list-recovery-points-by-backup-vault", "--backup-vault-name", vault], region))["RecoveryPoints"]);
        for (const point of points) {
          await this.aws(["backup", "delete-recovery-point", "--backup-vault-name", vault, "--recovery-point-arn", text(point["RecoveryPointArn"])], region);
          done.push(`recovery point ${text(point["RecoveryPointArn"])} deleted`);
        }
      }
      // Final snapshots (AWS Backup's own "awsbackup:" snapshots were deleted as recovery points above).
      for (const arn of await this.tagged(tenant, region, ["rds:snapshot"])) {
        const id = arn.split(":snapshot:")[1]!;
        if (id.startsWith("awsbackup:")) continue;
        await this.aws(["rds", "delete-db-snapshot", "--db-snapshot-identifier", id], region);
        done.push(`snapshot ${id} deleted`);
      }
      // Every object version and delete marker: DeleteBucket refuses a bucket that is not empty.
      for (const arn of await this.tagged(tenant, region, ["s3"])) {
        const bucket = arn.replace("arn:aws:s3:::", "");
        const versions = await this.aws(["s3api", "list-object-versions", "--bucket", bucket], region);
        const objects = [...list(versions["Versions"]), ...list(versions["DeleteMarkers"])].map((v) => ({ Key: v["Key"], VersionId: v["VersionId"] }));
        for (let i = 0; i < objects.length; i += 1000) {
          await this.aws(["s3api", "delete-objects", "--bucket", bucket, "--delete", JSON.stringify({ Objects: objects.slice(i, i + 1000), Quiet: true })], region);
        }
        if (objects.length) done.push(`${objects.length} object version(s) of ${bucket} deleted`);
      }
    }
    return done;
  }

  async leftovers(tenant: string, regions: readonly string[]): Promise<Leftover[]> {
    const found: Leftover[] = [];
    for (const region of regions) {
      for (const arn of await this.tagged(tenant, region)) {
        let note: string | undefined;
        if (arn.startsWith("arn:aws:kms:")) {
          // A deleted key waits 7 to 30 days (ScheduleKeyDeletion) and keeps its tags meanwhile.
          const key = (await this.aws(["kms", "describe-key", "--key-id", arn], region))["KeyMetadata"] as Json;
          if (key["KeyState"] === "PendingDeletion") note = `PendingDeletion until ${text(key["DeletionDate"])}`;
        }
        found.push({ arn, region, ...(note ? { note } : {}) });
      }
    }
    return found;
  }
}

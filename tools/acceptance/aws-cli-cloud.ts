/**
 * The real {@link AcceptanceCloud}: the AWS CLI v2 (on every GitHub-hosted runner), JSON output,
 * with its automatic pagination (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-pagination.html).
 * Resources are found by the `tenant` tag every AWS resource of a tenant carries (the provider's
 * default tags, program/providers.ts). Each call names its command; the command reference is
 * https://docs.aws.amazon.com/cli/latest/reference/<service>/<command>.html.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { isTenantDatabaseIdentifier } from "./database-identifiers";
import type { AcceptanceCloud, Leftover, RetainedResource } from "./ports";

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

/** How the cloud waits for a vault to empty. */
export interface VaultWait {
  /** Between two ListRecoveryPointsByBackupVault calls. @default 15 s */
  readonly pollMs: number;
  /** At most. @default 30 min */
  readonly timeoutMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

const DEFAULT_VAULT_WAIT: VaultWait = { pollMs: 15_000, timeoutMs: 30 * 60_000, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** The shortest waiting period of a key deletion, in days (KMS ScheduleKeyDeletion, PendingWindowInDays: 7 to 30). */
const KEY_PENDING_DAYS = 7;

export class AwsCliCloud implements AcceptanceCloud {
  constructor(private readonly aws: AwsCli = awsCli, private readonly vaultWait: VaultWait = DEFAULT_VAULT_WAIT) {}

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
      // Automated backups kept after the instance is deleted (deleteAutomatedBackups: false, components/database/primary.ts).
      for (const backup of await this.retainedAutomatedBackups(tenant, region)) {
        await this.aws(["rds", "delete-db-instance-automated-backup", "--dbi-resource-id", text(backup["DbiResourceId"])], region);
        done.push(`automated backups of ${text(backup["DBInstanceIdentifier"])} deleted`);
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

  async deleteRetained(resource: RetainedResource, region: string): Promise<string> {
    const name = typeof resource.outputs["name"] === "string" ? resource.outputs["name"] : resource.id;
    switch (resource.type) {
      case "aws:kms/key:Key":
        // The key stays usable for nothing and is deleted after the window (kms schedule-key-deletion).
        await this.aws(["kms", "schedule-key-deletion", "--key-id", resource.id, "--pending-window-in-days", String(KEY_PENDING_DAYS)], region);
        return `key ${resource.id} scheduled for deletion in ${KEY_PENDING_DAYS} days`;
      case "aws:backup/vault:Vault":
        await this.waitUntilVaultEmpty(name, region);
        // DeleteBackupVault: "the vault must be empty" (backup delete-backup-vault).
        await this.aws(["backup", "delete-backup-vault", "--backup-vault-name", name], region);
        return `backup vault ${name} deleted`;
      case "aws:s3/bucket:Bucket": {
        const bucket = typeof resource.outputs["bucket"] === "string" ? resource.outputs["bucket"] : resource.id;
        // DeleteBucket: "All objects (including all object versions and delete markers) in the bucket must be deleted" first (purgeRetainedData).
        await this.aws(["s3api", "delete-bucket", "--bucket", bucket], region);
        return `bucket ${bucket} deleted`;
      }
      default:
        throw new Error(`no delete is known for ${resource.type} (${resource.urn}): delete ${resource.id} by hand`);
    }
  }

  /**
   * A deleted recovery point goes to DELETING first and is removed asynchronously (Backup
   * DeleteRecoveryPoint; RecoveryPointByBackupVault Status includes DELETING), and
   * DeleteBackupVault refuses a vault that still lists any: poll ListRecoveryPointsByBackupVault
   * until it lists none.
   */
  private async waitUntilVaultEmpty(vault: string, region: string): Promise<void> {
    for (let waited = 0; ; waited += this.vaultWait.pollMs) {
      const points = list((await this.aws(["backup", "list-recovery-points-by-backup-vault", "--backup-vault-name", vault], region))["RecoveryPoints"]);
      if (points.length === 0) return;
      if (waited >= this.vaultWait.timeoutMs) {
        throw new Error(`backup vault ${vault} still holds ${points.length} recovery point(s) after ${Math.round(waited / 1000)} s (${points.map((p) => `${text(p["RecoveryPointArn"])} ${text(p["Status"])}`).join(", ")})`);
      }
      await this.vaultWait.sleep(this.vaultWait.pollMs);
    }
  }

  /**
   * The automated backups of the tenant's DB instances (each generation's primary) in a
   * region: `rds describe-db-instance-automated-backups`, which lists those kept after their
   * instance was deleted (Status `retained`) with the `DbiResourceId` their delete takes.
   */
  private async retainedAutomatedBackups(tenant: string, region: string): Promise<Json[]> {
    const answer = await this.aws(["rds", "describe-db-instance-automated-backups"], region);
    return list(answer["DBInstanceAutomatedBackups"]).filter((b) => isTenantDatabaseIdentifier(tenant, text(b["DBInstanceIdentifier"])));
  }

  /**
   * Whether a listed ARN still exists. The tagging API also returns resources deleted a short
   * while ago ("tagged or previously tagged", aws/aws-sdk#302, aws/aws-sdk#676, boto/boto3#3341:
   * deleted EC2 volumes, network interfaces and load balancer listeners stay listed for minutes to
   * hours), so an ARN of those kinds is confirmed with its service's describe call; NotFound
   * (or a terminated instance) means gone. Other ARNs count as present.
   */
  private async stillExists(arn: string, region: string): Promise<boolean> {
    const [, , service, , , resource = ""] = arn.split(":");
    const [kind, id = ""] = resource.split("/");
    const probe: [readonly string[], RegExp] | undefined =
      service === "ec2" && kind === "volume" ? [["ec2", "describe-volumes", "--volume-ids", id], /InvalidVolume\.NotFound/]
      : service === "ec2" && kind === "network-interface" ? [["ec2", "describe-network-interfaces", "--network-interface-ids", id], /InvalidNetworkInterfaceID\.NotFound/]
      : service === "ec2" && kind === "instance" ? [["ec2", "describe-instances", "--instance-ids", id], /InvalidInstanceID\.NotFound/]
      : service === "elasticloadbalancing" && kind === "listener" ? [["elbv2", "describe-listeners", "--listener-arns", arn], /ListenerNotFound/]
      : service === "elasticloadbalancing" && kind === "loadbalancer" ? [["elbv2", "describe-load-balancers", "--load-balancer-arns", arn], /LoadBalancerNotFound/]
      : service === "elasticloadbalancing" && kind === "targetgroup" ? [["elbv2", "describe-target-groups", "--target-group-arns", arn], /TargetGroupNotFound/]
      : undefined;
    if (!probe) return true;
    try {
      const answer = await this.aws(probe[0], region);
      // A terminated instance stays visible for about an hour (EC2 DescribeInstances).
      const states = list(answer["Reservations"]).flatMap((r) => list(r["Instances"])).map((i) => text((i["State"] as Json | undefined)?.["Name"]));
      return !(states.length > 0 && states.every((s) => s === "terminated"));
    } catch (error) {
      if (probe[1].test((error as { stderr?: string }).stderr ?? (error as Error).message)) return false;
      throw error;
    }
  }

  async leftovers(tenant: string, regions: readonly string[]): Promise<Leftover[]> {
    const found: Leftover[] = [];
    for (const region of regions) {
      for (const backup of await this.retainedAutomatedBackups(tenant, region)) {
        found.push({ arn: text(backup["DBInstanceAutomatedBackupsArn"]), region, note: `automated backups of ${text(backup["DBInstanceIdentifier"])} (${text(backup["Status"])})` });
      }
      for (const arn of await this.tagged(tenant, region)) {
        if (!(await this.stillExists(arn, region))) continue;
        let note: string | undefined;
        if (arn.startsWith("arn:aws:kms:")) {
          // A deleted key waits 7 to 30 days (ScheduleKeyDeletion) and keeps its tags meanwhile.
          const key = (await this.aws(["kms", "describe-key", "--key-id", arn], region))["KeyMetadata"] as Json;
          if (key["KeyState"] === "PendingDeletion") note = `PendingDeletion until ${text(key["DeletionDate"])}`;
        } else if (arn.startsWith("arn:aws:secretsmanager:")) {
          // A destroyed secret with a recovery window (7 to 30 days, DeleteSecret) keeps its tags until then;
          // DescribeSecret's DeletedDate "is omitted" unless the secret is scheduled for deletion
          // (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html).
          const deleted = (await this.aws(["secretsmanager", "describe-secret", "--secret-id", arn], region))["DeletedDate"];
          if (deleted !== undefined) note = `PendingDeletion until ${text(deleted)}`;
        }
        found.push({ arn, region, ...(note ? { note } : {}) });
      }
    }
    return found;
  }
}

/**
 * The real adapters of the acceptance run: the AWS CLI calls it makes (against a recorded CLI
 * that answers as the CLI's JSON output does), and the Node web probe against real local HTTP,
 * HTTPS and closed ports.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AwsCliCloud, type AwsCli } from "../../tools/acceptance/aws-cli-cloud";
import { nodeWebProbe } from "../../tools/acceptance/node-web-probe";
import { freePort } from "../helpers/smoke-app";
import { toolsAvailable } from "../helpers/system-tools";

/** A CLI that answers each command (its first two words plus its first flag value) from a table, and records the calls. */
function recordedCli(answers: Record<string, Record<string, unknown> | Error>): { cli: AwsCli; calls: string[] } {
  const calls: string[] = [];
  const cli: AwsCli = (args, region) => {
    const call = `${args.join(" ")} @${region}`;
    calls.push(call);
    const key = Object.keys(answers).find((k) => call.startsWith(k));
    const answer = key ? answers[key]! : {};
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { cli, calls };
}

describe("AWS CLI cloud", () => {
  it("reads the latest instance refresh of each group tagged with the tenant", async () => {
    const { cli, calls } = recordedCli({
      "autoscaling describe-auto-scaling-groups": { AutoScalingGroups: [{ AutoScalingGroupName: "acc-1-web-1a2b" }, { AutoScalingGroupName: "acc-1-workers-3c4d" }] },
      "autoscaling describe-instance-refreshes --auto-scaling-group-name acc-1-web": { InstanceRefreshes: [{ Status: "InProgress" }, { Status: "Successful" }] },
      "autoscaling describe-instance-refreshes --auto-scaling-group-name acc-1-workers": { InstanceRefreshes: [] },
    });
    expect(await new AwsCliCloud(cli).instanceRefreshes("acc-1", "eu-central-1")).toEqual([{ group: "acc-1-web-1a2b", status: "InProgress" }]);
    expect(calls[0]).toBe("autoscaling describe-auto-scaling-groups --filters Name=tag:tenant,Values=acc-1 @eu-central-1");
  });

  it("treats DBInstanceNotFound as no database, and other errors as errors", async () => {
    const notFound = Object.assign(new Error("exit 254"), { stderr: "An error occurred (DBInstanceNotFound) when calling the DescribeDBInstances operation: DBInstance acc-1-db-g2 not found." });
    expect(await new AwsCliCloud(recordedCli({ "rds describe-db-instances": notFound }).cli).database("acc-1-db-g2", "eu-central-1")).toBeUndefined();
    const denied = Object.assign(new Error("exit 254"), { stderr: "An error occurred (AccessDenied)" });
    await expect(new AwsCliCloud(recordedCli({ "rds describe-db-instances": denied }).cli).database("acc-1-db", "eu-central-1")).rejects.toThrow("exit 254");
  });

  it("finds the backup role through the plan tagged with the tenant", async () => {
    const { cli } = recordedCli({
      "backup list-backup-plans": { BackupPlansList: [{ BackupPlanId: "p1", BackupPlanArn: "arn:p1" }, { BackupPlanId: "p2", BackupPlanArn: "arn:p2" }] },
      "backup list-tags --resource-arn arn:p1": { Tags: { tenant: "shop" } },
      "backup list-tags --resource-arn arn:p2": { Tags: { tenant: "acc-1" } },
      "backup list-backup-selections --backup-plan-id p2": { BackupSelectionsList: [{ IamRoleArn: "arn:aws:iam::123456789012:role/acc-1-backup-1a2b" }] },
    });
    expect(await new AwsCliCloud(cli).backupRoleArn("acc-1", "eu-central-1")).toBe("arn:aws:iam::123456789012:role/acc-1-backup-1a2b");
    await expect(new AwsCliCloud(cli).backupRoleArn("acc-2", "eu-central-1")).rejects.toThrow(/no backup plan tagged tenant=acc-2/);
  });

  it("empties vaults, deletes final snapshots (not AWS Backup's own) and every object version, in each region", async () => {
    const { cli, calls } = recordedCli({
      "resourcegroupstaggingapi get-resources --tag-filters Key=tenant,Values=acc-1 --resource-type-filters backup:backup-vault @eu-central-1": { ResourceTagMappingList: [{ ResourceARN: "arn:aws:backup:eu-central-1:1:backup-vault:acc-1-vault-1a" }] },
      "backup list-recovery-points-by-backup-vault --backup-vault-name acc-1-vault-1a": { RecoveryPoints: [{ RecoveryPointArn: "arn:aws:rds:eu-central-1:1:snapshot:awsbackup:job-1" }] },
      "resourcegroupstaggingapi get-resources --tag-filters Key=tenant,Values=acc-1 --resource-type-filters rds:snapshot @eu-central-1": { ResourceTagMappingList: [{ ResourceARN: "arn:aws:rds:eu-central-1:1:snapshot:awsbackup:job-1" }, { ResourceARN: "arn:aws:rds:eu-central-1:1:snapshot:acc-1-db-final-1a2b" }] },
      "resourcegroupstaggingapi get-resources --tag-filters Key=tenant,Values=acc-1 --resource-type-filters s3 @eu-west-1": { ResourceTagMappingList: [{ ResourceARN: "arn:aws:s3:::acc-1-backups-replica" }] },
      "s3api list-object-versions --bucket acc-1-backups-replica": { Versions: [{ Key: "a", VersionId: "v1" }], DeleteMarkers: [{ Key: "a", VersionId: "v2" }] },
    });
    const done = await new AwsCliCloud(cli).purgeRetainedData("acc-1", ["eu-central-1", "eu-west-1"]);
    expect(done).toEqual([
      "recovery point arn:aws:rds:eu-central-1:1:snapshot:awsbackup:job-1 deleted",
      "snapshot acc-1-db-final-1a2b deleted",
      "2 object version(s) of acc-1-backups-replica deleted",
    ]);
    expect(calls).toContain("s3api delete-objects --bucket acc-1-backups-replica --delete {\"Objects\":[{\"Key\":\"a\",\"VersionId\":\"v1\"},{\"Key\":\"a\",\"VersionId\":\"v2\"}],\"Quiet\":true} @eu-west-1");
    expect(calls.filter((c) => c.startsWith("rds delete-db-snapshot"))).toEqual(["rds delete-db-snapshot --db-snapshot-identifier acc-1-db-final-1a2b @eu-central-1"]);
  });

  const kept = (type: string, id: string, outputs: Record<string, unknown> = {}) => ({ urn: `urn:pulumi:acc-1::tenant-platform::${type}::x`, type, id, outputs });

  it("deletes what a destroy kept by each one's API: key scheduled for 7 days, bucket, vault", async () => {
    const { cli, calls } = recordedCli({});
    const cloud = new AwsCliCloud(cli);
    expect(await cloud.deleteRetained(kept("aws:kms/key:Key", "k1"), "eu-central-1")).toBe("key k1 scheduled for deletion in 7 days");
    expect(await cloud.deleteRetained(kept("aws:s3/bucket:Bucket", "acc-1-logs", { bucket: "acc-1-logs" }), "eu-central-1")).toBe("bucket acc-1-logs deleted");
    expect(await cloud.deleteRetained(kept("aws:backup/vault:Vault", "acc-1-vault-1a", { name: "acc-1-vault-1a" }), "eu-west-1")).toBe("backup vault acc-1-vault-1a deleted");
    expect(calls).toEqual([
      "kms schedule-key-deletion --key-id k1 --pending-window-in-days 7 @eu-central-1",
      "s3api delete-bucket --bucket acc-1-logs @eu-central-1",
      "backup list-recovery-points-by-backup-vault --backup-vault-name acc-1-vault-1a @eu-west-1",
      "backup delete-backup-vault --backup-vault-name acc-1-vault-1a @eu-west-1",
    ]);
    await expect(cloud.deleteRetained(kept("aws:ec2/eip:Eip", "eipalloc-1"), "eu-central-1")).rejects.toThrow(/no delete is known for aws:ec2\/eip:Eip .*delete eipalloc-1 by hand/);
  });

  /** A CLI whose vault lists the given recovery points, one answer per call, then none. */
  function drainingVault(answers: Record<string, unknown>[][]): { cli: AwsCli; calls: string[] } {
    const calls: string[] = [];
    const cli: AwsCli = (args) => {
      calls.push(args.slice(0, 2).join(" "));
      return Promise.resolve(args[1] === "list-recovery-points-by-backup-vault" ? { RecoveryPoints: answers.shift() ?? [] } : {});
    };
    return { cli, calls };
  }

  it("deletes a vault only once its recovery points, still DELETING, are gone", async () => {
    const deleting = [{ RecoveryPointArn: "arn:aws:rds:eu-central-1:1:snapshot:awsbackup:job-1", Status: "DELETING" }];
    const { cli, calls } = drainingVault([deleting, deleting]);
    const slept: number[] = [];
    const cloud = new AwsCliCloud(cli, { pollMs: 15_000, timeoutMs: 60_000, sleep: (ms) => (slept.push(ms), Promise.resolve()) });
    await cloud.deleteRetained(kept("aws:backup/vault:Vault", "v", { name: "v" }), "eu-central-1");
    expect(calls).toEqual(["backup list-recovery-points-by-backup-vault", "backup list-recovery-points-by-backup-vault", "backup list-recovery-points-by-backup-vault", "backup delete-backup-vault"]);
    expect(slept).toEqual([15_000, 15_000]);
  });

  it("gives up on a vault that does not empty, without deleting it", async () => {
    const deleting = [{ RecoveryPointArn: "arn:aws:rds:eu-central-1:1:snapshot:awsbackup:job-1", Status: "DELETING" }];
    const { cli, calls } = drainingVault(Array.from({ length: 10 }, () => deleting));
    const cloud = new AwsCliCloud(cli, { pollMs: 15_000, timeoutMs: 30_000, sleep: () => Promise.resolve() });
    await expect(cloud.deleteRetained(kept("aws:backup/vault:Vault", "v", { name: "v" }), "eu-central-1")).rejects.toThrow(/backup vault v still holds 1 recovery point\(s\) after 30 s \(.*job-1 DELETING\)/);
    expect(calls).not.toContain("backup delete-backup-vault");
  });

  const notFound = (code: string) => Object.assign(new Error("Command failed: aws (exit 254)"), { stderr: `An error occurred (${code}) when calling the operation` });

  it("leaves out ARNs the tagging API still lists after their delete, once their describe call says NotFound", async () => {
    const { cli, calls } = recordedCli({
      "resourcegroupstaggingapi get-resources --tag-filters Key=tenant,Values=acc-1 @eu-central-1": { ResourceTagMappingList: [
        { ResourceARN: "arn:aws:ec2:eu-central-1:1:volume/vol-0a" },
        { ResourceARN: "arn:aws:ec2:eu-central-1:1:network-interface/eni-0b" },
        { ResourceARN: "arn:aws:ec2:eu-central-1:1:instance/i-0c" },
        { ResourceARN: "arn:aws:elasticloadbalancing:eu-central-1:1:listener/app/acc-1-alb/50dc6c495c0c9188/f2f7dc8efc522ab2" },
        { ResourceARN: "arn:aws:elasticloadbalancing:eu-central-1:1:targetgroup/acc-1-web/73e2d6bc24d8a067" },
      ] },
      "ec2 describe-volumes": notFound("InvalidVolume.NotFound"),
      "ec2 describe-network-interfaces": notFound("InvalidNetworkInterfaceID.NotFound"),
      "ec2 describe-instances": { Reservations: [{ Instances: [{ State: { Name: "terminated" } }] }] },
      "elbv2 describe-listeners": notFound("ListenerNotFound"),
      "elbv2 describe-target-groups": { TargetGroups: [{ TargetGroupArn: "arn:aws:elasticloadbalancing:eu-central-1:1:targetgroup/acc-1-web/73e2d6bc24d8a067" }] },
    });
    expect(await new AwsCliCloud(cli).leftovers("acc-1", ["eu-central-1"])).toEqual([
      { arn: "arn:aws:elasticloadbalancing:eu-central-1:1:targetgroup/acc-1-web/73e2d6bc24d8a067", region: "eu-central-1" },
    ]);
    expect(calls).toContain("ec2 describe-volumes --volume-ids vol-0a @eu-central-1");
    await expect(new AwsCliCloud(recordedCli({
      "resourcegroupstaggingapi get-resources": { ResourceTagMappingList: [{ ResourceARN: "arn:aws:ec2:eu-central-1:1:volume/vol-0a" }] },
      "ec2 describe-volumes": notFound("UnauthorizedOperation"),
    }).cli).leftovers("acc-1", ["eu-central-1"])).rejects.toThrow("exit 254");
  });

  it("lists and deletes the automated backups kept after the tenant's DB instances were deleted, not another tenant's", async () => {
    const backups = { DBInstanceAutomatedBackups: [
      { DBInstanceIdentifier: "acc-1-db", DbiResourceId: "db-AAAA", Status: "retained", DBInstanceAutomatedBackupsArn: "arn:aws:rds:eu-central-1:1:auto-backup:ab-aaaa" },
      { DBInstanceIdentifier: "acc-1-db-g2", DbiResourceId: "db-BBBB", Status: "retained", DBInstanceAutomatedBackupsArn: "arn:aws:rds:eu-central-1:1:auto-backup:ab-bbbb" },
      { DBInstanceIdentifier: "acc-10-db", DbiResourceId: "db-CCCC", Status: "retained", DBInstanceAutomatedBackupsArn: "arn:aws:rds:eu-central-1:1:auto-backup:ab-cccc" },
    ] };
    const { cli, calls } = recordedCli({ "rds describe-db-instance-automated-backups": backups });
    expect((await new AwsCliCloud(cli).leftovers("acc-1", ["eu-central-1"])).map((l) => `${l.arn} ${l.note}`)).toEqual([
      "arn:aws:rds:eu-central-1:1:auto-backup:ab-aaaa automated backups of acc-1-db (retained)",
      "arn:aws:rds:eu-central-1:1:auto-backup:ab-bbbb automated backups of acc-1-db-g2 (retained)",
    ]);
    expect(await new AwsCliCloud(cli).purgeRetainedData("acc-1", ["eu-central-1"])).toEqual(["automated backups of acc-1-db deleted", "automated backups of acc-1-db-g2 deleted"]);
    expect(calls.filter((c) => c.startsWith("rds delete-db-instance-automated-backup"))).toEqual([
      "rds delete-db-instance-automated-backup --dbi-resource-id db-AAAA @eu-central-1",
      "rds delete-db-instance-automated-backup --dbi-resource-id db-BBBB @eu-central-1",
    ]);
  });

  it("lists what is still tagged, noting keys pending deletion", async () => {
    const { cli } = recordedCli({
      "resourcegroupstaggingapi get-resources --tag-filters Key=tenant,Values=acc-1 @eu-central-1": { ResourceTagMappingList: [{ ResourceARN: "arn:aws:kms:eu-central-1:1:key/k1" }, { ResourceARN: "arn:aws:s3:::acc-1-media" }] },
      "kms describe-key": { KeyMetadata: { KeyState: "PendingDeletion", DeletionDate: "2026-12-07T10:00:00Z" } },
    });
    expect(await new AwsCliCloud(cli).leftovers("acc-1", ["eu-central-1"])).toEqual([
      { arn: "arn:aws:kms:eu-central-1:1:key/k1", region: "eu-central-1", note: "PendingDeletion until 2026-12-07T10:00:00Z" },
      { arn: "arn:aws:s3:::acc-1-media", region: "eu-central-1" },
    ]);
  });

  it("notes secrets scheduled for deletion and lists the others", async () => {
    const pending = "arn:aws:secretsmanager:eu-central-1:1:secret:acc-1-db-master-AbCdEf";
    const live = "arn:aws:secretsmanager:eu-central-1:1:secret:acc-1-cache-auth-GhIjKl";
    const { cli } = recordedCli({
      "resourcegroupstaggingapi get-resources --tag-filters Key=tenant,Values=acc-1 @eu-central-1": { ResourceTagMappingList: [{ ResourceARN: pending }, { ResourceARN: live }] },
      [`secretsmanager describe-secret --secret-id ${pending} @eu-central-1`]: { ARN: pending, DeletedDate: "2026-12-30T10:00:00Z" },
      [`secretsmanager describe-secret --secret-id ${live} @eu-central-1`]: { ARN: live },
    });
    expect(await new AwsCliCloud(cli).leftovers("acc-1", ["eu-central-1"])).toEqual([
      { arn: pending, region: "eu-central-1", note: "PendingDeletion until 2026-12-30T10:00:00Z" },
      { arn: live, region: "eu-central-1" },
    ]);
  });
});

describe("Node web probe", () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));
  const listen = async (server: Server) => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as { port: number }).port;
  };

  it("reads status, headers and body without following a redirect", async () => {
    const port = await listen(createHttpServer((_req, res) => {
      res.writeHead(301, { Location: "https://example.test/", Server: "cloudflare" });
      res.end("moved");
    }));
    expect(await nodeWebProbe().get(`http://127.0.0.1:${port}/`)).toEqual({ status: 301, headers: expect.objectContaining({ location: "https://example.test/", server: "cloudflare" }), body: "moved" });
  });

  it.runIf(toolsAvailable("openssl"))("reports the negotiated TLS version", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "probe-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
      "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "pipe" });
    const tls = { key: readFileSync(path.join(dir, "key.pem")), cert: readFileSync(path.join(dir, "cert.pem")) };
    const tls12 = await listen(createHttpsServer({ ...tls, maxVersion: "TLSv1.2" }, (_req, res) => res.end("ok")));
    const tls13 = await listen(createHttpsServer({ ...tls, minVersion: "TLSv1.3" }, (_req, res) => res.end("ok")));
    const probe = nodeWebProbe({ ca: tls.cert });
    expect(await probe.get(`https://127.0.0.1:${tls12}/`)).toMatchObject({ status: 200, tlsProtocol: "TLSv1.2", body: "ok" });
    expect(await probe.get(`https://127.0.0.1:${tls13}/`)).toMatchObject({ status: 200, tlsProtocol: "TLSv1.3" });
    // Without that CA the certificate is refused, as a visitor's client would refuse it.
    await expect(nodeWebProbe().get(`https://127.0.0.1:${tls12}/`)).rejects.toThrow(/self-signed certificate/);
  });

  it("tells a refused connection from a connected one", async () => {
    const open = await listen(createHttpServer((_req, res) => res.end()));
    expect(await nodeWebProbe().connect("127.0.0.1", open, 2000)).toBe("connected");
    expect(await nodeWebProbe().connect("127.0.0.1", await freePort(), 2000)).toBe("refused");
  });
});

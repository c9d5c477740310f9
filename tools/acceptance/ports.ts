/**
 * What the acceptance run needs from the outside world, as interfaces: the driver is tested
 * against fakes of each, and the real adapters (automation-adapter.ts, aws-cli-cloud.ts,
 * node-web-probe.ts) stay thin.
 */
import type { FleetEngine } from "../fleet/engine";

/** Pulumi through the Automation API: the fleet's engine, plus what only a full cleanup needs. */
export interface AcceptanceEngine extends FleetEngine {
  /** `pulumi state unprotect --all --yes` (pulumi/pulumi pkg/cmd/pulumi/state/state_unprotect.go). */
  unprotectAll(stack: string): Promise<void>;
  /** `LocalWorkspace.removeStack` (`pulumi stack rm --yes`): the stack's record, once its resources are gone. */
  removeStack(stack: string): Promise<void>;
  /**
   * The stack's resources kept on delete (`retainOnDelete` in its state): a destroy only drops them
   * from the state ("If set to True, the providers Delete method will not be called for this
   * resource", pulumi/pulumi sdk/go/common/apitype/core.go `RetainOnDelete`), so the run deletes
   * them itself. Read with `Stack.exportStack` (sdk/nodejs/automation/stack.ts).
   */
  retainedResources(stack: string): Promise<RetainedResource[]>;
}

/** A resource of the stack's state kept on delete. */
export interface RetainedResource {
  readonly urn: string;
  /** The type token, e.g. `aws:kms/key:Key`. */
  readonly type: string;
  /** The provider's id (a key id, a vault name, a bucket name, a certificate id). */
  readonly id: string;
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** The Cloudflare calls the cleanup makes in the sandbox zone. */
export interface AcceptanceZone {
  /** DELETE /zones/{zone_id}/origin_tls_client_auth/{certificate_id}: an authenticated origin pulls certificate. */
  deleteOriginPullCertificate(zoneId: string, certificateId: string): Promise<void>;
  /** The zone's authenticated origin pulls certificates not deleted (GET /zones/{zone_id}/origin_tls_client_auth). */
  leftovers(zoneId: string): Promise<Leftover[]>;
}

/** One HTTP answer; redirects are never followed. */
export interface ProbeResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The negotiated TLS version (`TLSv1.2`, `TLSv1.3`) for https URLs. */
  readonly tlsProtocol?: string;
}

/** How a TCP connection attempt ended. */
export type ConnectOutcome = "connected" | "refused" | "timeout" | "unreachable";

/** Requests from the runner, as any visitor makes them. */
export interface WebProbe {
  get(url: string): Promise<ProbeResponse>;
  /** Opens (and closes) a TCP connection to host:port, giving up after `timeoutMs`. */
  connect(host: string, port: number, timeoutMs: number): Promise<ConnectOutcome>;
}

/** Something of the canary left in the account (or the zone) after the cleanup. */
export interface Leftover {
  readonly arn: string;
  readonly region: string;
  /** Why it is there, when known (a key pending deletion, a recovery point under retention). */
  readonly note?: string;
}

/** The AWS calls the run makes; each method names the API it calls. */
export interface AcceptanceCloud {
  /** Latest instance refresh status of each Auto Scaling group tagged with the tenant (DescribeAutoScalingGroups, DescribeInstanceRefreshes). */
  instanceRefreshes(tenant: string, region: string): Promise<{ group: string; status: string }[]>;
  /** Status of each ACM certificate tagged with the tenant (GetResources, DescribeCertificate). */
  certificates(tenant: string, region: string): Promise<{ arn: string; status: string }[]>;
  /** The DB instance's ARN and endpoint address, or undefined when it does not exist (DescribeDBInstances). */
  database(identifier: string, region: string): Promise<{ arn: string; address: string } | undefined>;
  /** The IAM role of the tenant's backup plan selection (ListBackupPlans, ListTags, ListBackupSelections). */
  backupRoleArn(tenant: string, region: string): Promise<string>;
  /** Starts an on-demand backup (StartBackupJob); returns the job id. */
  startBackupJob(args: { vaultName: string; resourceArn: string; roleArn: string; region: string }): Promise<string>;
  /** A backup job's state and, once COMPLETED, its recovery point (DescribeBackupJob). */
  backupJob(jobId: string, region: string): Promise<{ state: string; recoveryPointArn?: string; message?: string }>;
  /**
   * Deletes the tenant's retained data so that the stack's protected resources can be deleted:
   * recovery points of its vaults, its RDS snapshots, every object version of its buckets.
   * Returns what it deleted, one line each.
   */
  purgeRetainedData(tenant: string, regions: readonly string[]): Promise<string[]>;
  /**
   * Deletes one AWS resource the stack kept on delete, by its API: a KMS key is scheduled for
   * deletion (ScheduleKeyDeletion, 7 days), a backup vault deleted (DeleteBackupVault), a bucket
   * deleted (DeleteBucket). Returns what it did; throws for any other type.
   */
  deleteRetained(resource: RetainedResource, region: string): Promise<string>;
  /** Everything still tagged with the tenant (Resource Groups Tagging API GetResources). */
  leftovers(tenant: string, regions: readonly string[]): Promise<Leftover[]>;
}

/** Time, injectable so that the tests need not wait. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

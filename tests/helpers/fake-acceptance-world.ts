/**
 * Fakes of what the acceptance run talks to: a Pulumi engine that records each operation (and the
 * canary file it ran with), an AWS that answers from a small state, and a web of canned answers
 * for the canary's URLs. Each can be told to misbehave the way the real one would.
 */
import type { FleetCommand, OpenedStack, OperationListeners, OperationResult } from "../../tools/fleet/engine";
import type { AcceptanceCloud, AcceptanceEngine, AcceptanceZone, Clock, ConnectOutcome, Leftover, ProbeResponse, RetainedResource, WebProbe } from "../../tools/acceptance/ports";

/** What exists in the fake account and zone, by ARN (or Cloudflare id): what a destroy kept stays here. */
export class FakeWorld {
  readonly existing = new Map<string, Leftover>();
}

/**
 * The canary's resources kept on delete, as its state holds them (components: secure-bucket, backup, tenant-key,
 * origin-pulls); `protect` as the components set it (the origin-pull certificate is kept but not protected,
 * components/edge/origin-pulls.ts).
 */
export const RETAINED: readonly (RetainedResource & { arn: string; protect: boolean })[] = [
  { urn: "urn:pulumi:acc-run1::tenant-platform::aws:kms/key:Key::acc-run1-key", type: "aws:kms/key:Key", id: "1234abcd-12ab-34cd-56ef-1234567890ab", outputs: { region: "eu-central-1" }, protect: true, arn: "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
  { urn: "urn:pulumi:acc-run1::tenant-platform::aws:backup/vault:Vault::acc-run1-vault", type: "aws:backup/vault:Vault", id: "acc-run1-vault-1a2b", outputs: { name: "acc-run1-vault-1a2b", region: "eu-central-1" }, protect: true, arn: "arn:aws:backup:eu-central-1:123456789012:backup-vault:acc-run1-vault-1a2b" },
  { urn: "urn:pulumi:acc-run1::tenant-platform::aws:backup/vault:Vault::acc-run1-offsite-vault", type: "aws:backup/vault:Vault", id: "acc-run1-offsite-vault-3c4d", outputs: { name: "acc-run1-offsite-vault-3c4d", region: "eu-west-1" }, protect: true, arn: "arn:aws:backup:eu-west-1:123456789012:backup-vault:acc-run1-offsite-vault-3c4d" },
  { urn: "urn:pulumi:acc-run1::tenant-platform::aws:s3/bucket:Bucket::acc-run1-access-logs", type: "aws:s3/bucket:Bucket", id: "acc-run1-access-logs-5e6f", outputs: { bucket: "acc-run1-access-logs-5e6f", region: "eu-central-1" }, protect: true, arn: "arn:aws:s3:::acc-run1-access-logs-5e6f" },
  { urn: "urn:pulumi:acc-run1::tenant-platform::cloudflare:index/authenticatedOriginPullsCertificate:AuthenticatedOriginPullsCertificate::acc-run1-origin-pull", type: "cloudflare:index/authenticatedOriginPullsCertificate:AuthenticatedOriginPullsCertificate", id: "2458ce5a0c0a4dd4a0b1f0e2c4d6e8f0", outputs: {}, protect: false, arn: "cloudflare:origin_tls_client_auth/2458ce5a0c0a4dd4a0b1f0e2c4d6e8f0" },
];

/**
 * The canary's database master secret: destroyed with a recovery window (components/database/master-secret.ts,
 * `recoveryWindowInDays`), it is only scheduled for deletion and the tagging API keeps listing it
 * (Secrets Manager DeleteSecret, https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html).
 */
export const SECRET: Leftover = { arn: "arn:aws:secretsmanager:eu-central-1:123456789012:secret:acc-run1-db-master-AbCdEf", region: "eu-central-1" };

/**
 * A Pulumi engine over a fake world: `up` creates the canary's kept-on-delete resources. `destroy`
 * (run as `--exclude-protected` until `unprotect --all`) deletes what is neither protected nor kept and
 * drops the kept ones it reaches from the state without deleting them (pulumi/pulumi
 * pkg/resource/deploy/step.go: deleting a retain-on-delete resource is a no-op), so they stay in the
 * world. `--exclude-protected` leaves out only protected resources (pkg/cmd/pulumi/operations/destroy.go
 * `getProtectedExcludes`), so the first destroy already drops the kept-but-unprotected ones.
 */
export class FakeEngine implements AcceptanceEngine {
  /** Every call, in order: `up <stage>` names the canary file's first line. */
  readonly calls: string[] = [];
  /** Fails `up` when the file about to be deployed matches. */
  failUpWhen?: RegExp;
  /** The kept-on-delete resources in the stack's state. */
  private state: (RetainedResource & { arn: string; protect: boolean })[] = [];
  private unprotected = false;
  constructor(private readonly files: Map<string, string>, private readonly outputs: Record<string, unknown>, private readonly world = new FakeWorld()) {}
  prepare(): Promise<void> {
    this.calls.push("prepare");
    return Promise.resolve();
  }
  openStack(stack: string, create: boolean): Promise<OpenedStack> {
    this.calls.push(`open ${stack} ${create}`);
    return Promise.resolve({ tenantsDir: "/work/tenants" });
  }
  run(stack: string, command: FleetCommand, listeners: OperationListeners): Promise<OperationResult> {
    const file = this.files.get(`/work/tenants/${stack}.yaml`) ?? "";
    const stage = /\(([^)]*)\)/.exec(file)?.[1] ?? "no file";
    this.calls.push(command === "up" ? `up ${stage}` : command);
    listeners.onEvent({ sequence: 0, timestamp: 0 });
    if (command === "up" && this.failUpWhen?.test(file)) return Promise.reject(new Error(`update failed (${stage})`));
    if (command === "up" && this.state.length === 0) {
      this.state = [...RETAINED];
      for (const r of RETAINED) this.world.existing.set(r.arn, { arn: r.arn, region: typeof r.outputs["region"] === "string" ? r.outputs["region"] : "cloudflare" });
      this.world.existing.set(SECRET.arn, SECRET);
    }
    if (command === "destroy" && this.world.existing.has(SECRET.arn)) this.world.existing.set(SECRET.arn, { ...SECRET, note: "PendingDeletion until 2026-12-30T10:00:00Z" });
    if (command === "destroy") this.state = this.unprotected ? [] : this.state.filter((r) => r.protect);
    return Promise.resolve({ outputs: command === "up" ? this.outputs : {} });
  }
  unprotectAll(): Promise<void> {
    this.calls.push("unprotect --all");
    this.unprotected = true;
    return Promise.resolve();
  }
  retainedResources(): Promise<RetainedResource[]> {
    this.calls.push("export");
    return Promise.resolve(this.state.map(({ arn: _arn, protect: _protect, ...r }) => r));
  }
  removeStack(stack: string): Promise<void> {
    this.calls.push(`stack rm ${stack}`);
    return Promise.resolve();
  }
}

export class FakeCloud implements AcceptanceCloud {
  refreshStatuses: string[] = ["InProgress", "Successful"];
  certificateStatuses: string[] = ["PENDING_VALIDATION", "ISSUED"];
  backupStates: string[] = ["RUNNING", "COMPLETED"];
  remaining: Leftover[] = [];
  purged: string[][] = [];
  readonly recoveryPoint = "arn:aws:rds:eu-central-1:123456789012:snapshot:awsbackup:job-0a1b2c3d";
  startedBackups: { vaultName: string; resourceArn: string; roleArn: string }[] = [];
  /** Deletes made for what a destroy kept, as `<type> <id> <region or zone>`. */
  readonly deletedRetained: string[] = [];
  constructor(readonly world = new FakeWorld()) {}
  instanceRefreshes(tenant: string) {
    const status = this.refreshStatuses.length > 1 ? this.refreshStatuses.shift()! : this.refreshStatuses[0]!;
    return Promise.resolve([{ group: `${tenant}-web`, status }]);
  }
  certificates(tenant: string) {
    const status = this.certificateStatuses.length > 1 ? this.certificateStatuses.shift()! : this.certificateStatuses[0]!;
    return Promise.resolve([{ arn: `arn:aws:acm:eu-central-1:123456789012:certificate/${tenant}`, status }]);
  }
  /** The DB instances that exist, by identifier. @default any identifier asked for */
  databases: ReadonlySet<string> | undefined;
  /** Every identifier `database` was asked for, in order. */
  readonly databaseLookups: string[] = [];
  database(identifier: string) {
    this.databaseLookups.push(identifier);
    if (this.databases && !this.databases.has(identifier)) return Promise.resolve(undefined);
    return Promise.resolve({ arn: `arn:aws:rds:eu-central-1:123456789012:db:${identifier}`, address: `${identifier}.abcdefghijkl.eu-central-1.rds.amazonaws.com` });
  }
  backupRoleArn(tenant: string) {
    return Promise.resolve(`arn:aws:iam::123456789012:role/${tenant}-backup`);
  }
  startBackupJob(args: { vaultName: string; resourceArn: string; roleArn: string }) {
    this.startedBackups.push(args);
    return Promise.resolve("job-0a1b2c3d");
  }
  backupJob() {
    const state = this.backupStates.length > 1 ? this.backupStates.shift()! : this.backupStates[0]!;
    return Promise.resolve({ state, ...(state === "COMPLETED" ? { recoveryPointArn: this.recoveryPoint } : { message: "job ended badly" }) });
  }
  purgeRetainedData(_tenant: string, regions: readonly string[]) {
    this.purged.push([...regions]);
    return Promise.resolve(["recovery point x deleted"]);
  }
  deleteRetained(resource: RetainedResource, region: string): Promise<string> {
    this.deletedRetained.push(`${resource.type} ${resource.id} ${region}`);
    const arn = RETAINED.find((r) => r.urn === resource.urn)!.arn;
    // A scheduled key keeps its tags until the window ends (KMS ScheduleKeyDeletion).
    if (resource.type === "aws:kms/key:Key") this.world.existing.set(arn, { arn, region, note: "PendingDeletion until 2026-12-07" });
    else this.world.existing.delete(arn);
    return Promise.resolve(`${resource.id} deleted`);
  }
  /** AWS: the given leftovers and what exists in the fake account. */
  leftovers() {
    return Promise.resolve([...this.remaining, ...[...this.world.existing.values()].filter((l) => l.region !== "cloudflare")]);
  }
}

/** The sandbox zone over the same fake world; deletes are recorded in `deleted` (the cloud's list, to keep their order). */
export class FakeZone implements AcceptanceZone {
  constructor(private readonly world: FakeWorld, private readonly deleted: string[]) {}
  deleteOriginPullCertificate(zoneId: string, certificateId: string): Promise<void> {
    this.deleted.push(`origin pull certificate ${certificateId} ${zoneId}`);
    this.world.existing.delete(`cloudflare:origin_tls_client_auth/${certificateId}`);
    return Promise.resolve();
  }
  leftovers(): Promise<Leftover[]> {
    return Promise.resolve([...this.world.existing.values()].filter((l) => l.region === "cloudflare"));
  }
}

/** A clock that moves only when the run sleeps (or a probe says it took time). */
export class FakeClock implements Clock {
  time = Date.parse("2026-11-30T10:00:00Z");
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    this.time += ms;
    return Promise.resolve();
  }
}

const cloudflare = (extra: Record<string, string> = {}) => ({ server: "cloudflare", "cf-ray": "8d2c0a1b2c3d4e5f-FRA", ...extra });

/** Answers as a healthy canary does; `override` replaces the answer for a URL (a function may throw). */
export class FakeWeb implements WebProbe {
  readonly override = new Map<string, () => ProbeResponse>();
  originOutcome: ConnectOutcome = "timeout";
  /** The newest marker row in the live database and in the restored copy. */
  liveMarker = { token: "marker-live", writtenAt: "2026-11-30T10:00:00.000Z" };
  restoredMarker: { token: string; writtenAt: string } | undefined = { token: "marker-live", writtenAt: "2026-11-30T10:00:00.000Z" };
  constructor(private readonly host: string, private readonly expectedChecks: string[]) {}
  get(url: string): Promise<ProbeResponse> {
    const path = url.replace(/^https?:\/\/[^/]+/, "");
    const key = `${url.startsWith("https") ? "https" : "http"} ${path.split("?")[0]}`;
    const custom = this.override.get(key);
    if (custom) return Promise.resolve(custom());
    const hsts = { "strict-transport-security": "max-age=31536000" };
    if (key === `http /livez`) return Promise.resolve({ status: 301, headers: cloudflare({ location: `https://${this.host}/livez` }), body: "" });
    if (key === "https /livez") return Promise.resolve({ status: 200, headers: cloudflare(hsts), body: '{"ok":true}', tlsProtocol: "TLSv1.3" });
    if (key === "https /admin") return Promise.resolve({ status: 403, headers: cloudflare(), body: "Sorry, you have been blocked", tlsProtocol: "TLSv1.3" });
    if (key === "https /health") {
      const checks = Object.fromEntries(["database", "replicas", "cache", "queue", "bucket", "mail"].map((name) => [name, this.expectedChecks.includes(name)
        ? { status: "ok", detail: "fine", ...(name === "database" ? { marker: this.liveMarker } : {}) }
        : { status: "absent", detail: "not given" }]));
      return Promise.resolve({ status: 200, headers: cloudflare(hsts), body: JSON.stringify({ ok: true, checks, cloudflare: { "cf-connecting-ip": "198.51.100.20", "cf-ray": "8d2c0a1b2c3d4e5f" } }), tlsProtocol: "TLSv1.3" });
    }
    if (key === "https /marker") {
      return Promise.resolve(this.restoredMarker ? { status: 200, headers: cloudflare(), body: JSON.stringify(this.restoredMarker) } : { status: 404, headers: cloudflare(), body: '{"error":"no marker row"}' });
    }
    return Promise.resolve({ status: 404, headers: cloudflare(), body: "" });
  }
  connect(): Promise<ConnectOutcome> {
    return Promise.resolve(this.originOutcome);
  }
}

/**
 * Fakes of what the acceptance run talks to: a Pulumi engine that records each operation (and the
 * canary file it ran with), an AWS that answers from a small state, and a web of canned answers
 * for the canary's URLs. Each can be told to misbehave the way the real one would.
 */
import type { FleetCommand, OpenedStack, OperationListeners, OperationResult } from "../../stacks/fleet/engine";
import type { AcceptanceCloud, AcceptanceEngine, Clock, ConnectOutcome, Leftover, ProbeResponse, WebProbe } from "../../acceptance/driver/ports";

export class FakeEngine implements AcceptanceEngine {
  /** Every call, in order: `up <stage>` names the canary file's first line. */
  readonly calls: string[] = [];
  /** Fails `up` when the file about to be deployed matches. */
  failUpWhen?: RegExp;
  constructor(private readonly files: Map<string, string>, private readonly outputs: Record<string, unknown>) {}
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
    return Promise.resolve({ outputs: command === "up" ? this.outputs : {} });
  }
  unprotectAll(): Promise<void> {
    this.calls.push("unprotect --all");
    return Promise.resolve();
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
  instanceRefreshes(tenant: string) {
    const status = this.refreshStatuses.length > 1 ? this.refreshStatuses.shift()! : this.refreshStatuses[0]!;
    return Promise.resolve([{ group: `${tenant}-web`, status }]);
  }
  certificates(tenant: string) {
    const status = this.certificateStatuses.length > 1 ? this.certificateStatuses.shift()! : this.certificateStatuses[0]!;
    return Promise.resolve([{ arn: `arn:aws:acm:eu-central-1:123456789012:certificate/${tenant}`, status }]);
  }
  database(identifier: string) {
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
  leftovers() {
    return Promise.resolve(this.remaining);
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

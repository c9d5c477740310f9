/**
 * The acceptance driver against a fake engine, a fake AWS and fake HTTP endpoints: every check
 * passes on a healthy canary and fails on its own fault; the cleanup runs whatever failed; the
 * report lists what was left behind.
 */
import { describe, expect, it } from "vitest";
import { canaryStages } from "../../tools/acceptance/canary";
import { renderMarkdown, type AcceptanceReport } from "../../tools/acceptance/report";
import { DEFAULT_TIMEOUTS, expectedChecks, runAcceptance } from "../../tools/acceptance/run-acceptance";
import { FakeClock, FakeCloud, FakeEngine, FakeWeb, FakeWorld, FakeZone, SECRET } from "../helpers/fake-acceptance-world";

const SETTINGS = { id: "acc-run1", zone: "sandbox.example", zoneId: "0123456789abcdef0123456789abcdef", image: "ghcr.io/acme/smoke:1.0" };
const HOST = "acc-run1.sandbox.example";

function world(keep = false) {
  const stages = canaryStages("samples/example.yaml", SETTINGS);
  const files = new Map<string, string>();
  const fakeWorld = new FakeWorld();
  const engine = new FakeEngine(files, { loadBalancerDnsName: "acc-run1-alb-123.eu-central-1.elb.amazonaws.com", backupVaultArn: "arn:aws:backup:eu-central-1:123456789012:backup-vault:acc-run1-vault-1a2b" }, fakeWorld);
  const cloud = new FakeCloud(fakeWorld);
  const zone = new FakeZone(fakeWorld, cloud.deletedRetained);
  const web = new FakeWeb(HOST, expectedChecks(stages.base.spec));
  const clock = new FakeClock();
  const lines: string[] = [];
  const run = () => runAcceptance({ stages, keep, timeouts: { ...DEFAULT_TIMEOUTS, instanceRefreshMs: 60_000, pollMs: 15_000 } }, {
    engine, cloud, zone, web, clock, log: (line) => lines.push(line),
    tenantFile: (dir, id, text) => (text === undefined ? files.delete(`${dir}/${id}.yaml`) : files.set(`${dir}/${id}.yaml`, text)),
  });
  return { stages, files, engine, cloud, zone, web, clock, run, lines };
}

const statusOf = (report: AcceptanceReport, name: string) => report.steps.find((s) => s.name === name)?.status;
const CLEANUP = ["up offboarding", "export", "destroy", "unprotect --all", "destroy", "stack rm acc-run1"];

describe("acceptance run", () => {
  it("passes every step on a healthy canary, drills a restore, then removes everything", async () => {
    const w = world();
    const report = await w.run();
    expect(report.steps.filter((s) => s.status !== "passed").map((s) => `${s.name}: ${s.detail}`)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(w.engine.calls).toEqual(["prepare", "open acc-run1 true", "up deploy", "up restore drill", "up discard the drill's copy", "up deploy", ...CLEANUP]);
    expect(w.cloud.startedBackups).toEqual([{ vaultName: "acc-run1-vault-1a2b", resourceArn: "arn:aws:rds:eu-central-1:123456789012:db:acc-run1-db", roleArn: "arn:aws:iam::123456789012:role/acc-run1-backup", region: "eu-central-1" }]);
    expect(report.restore).toMatchObject({ recoveryPointArn: w.cloud.recoveryPoint, markerToken: "marker-live" });
    // What the destroy kept is deleted by its own API (keys last); only the key, pending deletion, still carries the tag.
    expect(w.cloud.deletedRetained).toEqual([
      "aws:backup/vault:Vault acc-run1-vault-1a2b eu-central-1",
      "aws:backup/vault:Vault acc-run1-offsite-vault-3c4d eu-west-1",
      "aws:s3/bucket:Bucket acc-run1-access-logs-5e6f eu-central-1",
      "origin pull certificate 2458ce5a0c0a4dd4a0b1f0e2c4d6e8f0 0123456789abcdef0123456789abcdef",
      "aws:kms/key:Key 1234abcd-12ab-34cd-56ef-1234567890ab eu-central-1",
    ]);
    // The secret destroyed with a recovery window is still tagged too, pending deletion.
    expect(report.leftovers).toEqual([
      { arn: "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", region: "eu-central-1", note: "PendingDeletion until 2026-12-07" },
      { ...SECRET, note: "PendingDeletion until 2026-12-30T10:00:00Z" },
    ]);
    expect(w.files.size).toBe(0);
    expect(w.cloud.purged).toEqual([["eu-central-1", "eu-west-1"]]);
    // Every step is timed and names its API.
    for (const s of report.steps) expect(s.api).not.toBe("");
    expect(report.steps.find((s) => s.name === "instance refresh finished")!.seconds).toBe(15);
    const markdown = renderMarkdown(report);
    expect(markdown).toMatch(/# Acceptance run: passed/);
    expect(markdown).toMatch(/RTO/);
    expect(markdown).toMatch(/PendingDeletion until 2026-12-07/);
  });

  it("fails and lists them when what the destroy kept cannot be deleted", async () => {
    const w = world();
    w.cloud.deleteRetained = () => Promise.reject(new Error("BucketNotEmpty"));
    const report = await w.run();
    expect(report.ok).toBe(false);
    expect(report.steps.find((s) => s.name === "delete what the destroy kept")).toMatchObject({ status: "failed", detail: expect.stringMatching(/not deleted: .*aws:s3\/bucket:Bucket::acc-run1-access-logs: BucketNotEmpty/) });
    expect(report.leftovers?.map((l) => l.arn)).toContain("arn:aws:s3:::acc-run1-access-logs-5e6f");
    expect(report.leftovers?.map((l) => l.arn)).not.toContain("cloudflare:origin_tls_client_auth/2458ce5a0c0a4dd4a0b1f0e2c4d6e8f0");
  });

  it("lists the origin pull certificate left in the sandbox zone when its delete fails", async () => {
    const w = world();
    w.zone.deleteOriginPullCertificate = () => Promise.reject(new Error("HTTP 403"));
    const report = await w.run();
    expect(report.ok).toBe(false);
    expect(report.leftovers).toContainEqual({ arn: "cloudflare:origin_tls_client_auth/2458ce5a0c0a4dd4a0b1f0e2c4d6e8f0", region: "cloudflare" });
  });

  const faults: [string, (w: ReturnType<typeof world>) => void, RegExp][] = [
    ["HTTPS through Cloudflare", (w) => w.web.override.set("https /livez", () => ({ status: 200, headers: { server: "awselb/2.0" }, body: "", tlsProtocol: "TLSv1.1" })), /TLS TLSv1.1.*server "awselb\/2.0"/],
    ["HTTP redirects to HTTPS", (w) => w.web.override.set("http /livez", () => ({ status: 200, headers: { server: "cloudflare" }, body: "" })), /status 200/],
    ["origin refuses direct access", (w) => (w.web.originOutcome = "connected"), /accepted a connection from the runner on port 443, 80/],
    ["WAF blocks the admin path", (w) => w.web.override.set("https /admin", () => ({ status: 404, headers: { server: "cloudflare" }, body: "" })), /status 404/],
    ["WAF blocks the admin path", (w) => w.web.override.set("https /admin", () => ({ status: 403, headers: { server: "nginx" }, body: "" })), /status 403 from "nginx"/],
    ["health report all green", (w) => w.web.override.set("https /health", () => ({ status: 503, headers: { server: "cloudflare" }, body: JSON.stringify({ ok: false, checks: { database: { status: "ok", detail: "", marker: { token: "m", writtenAt: "2026-11-30T10:00:00Z" } }, cache: { status: "failed", detail: "WRONGPASS" } }, cloudflare: { "cf-connecting-ip": null, "cf-ray": "x" } }) })), /cache failed: WRONGPASS.*no cf-connecting-ip/],
    ["restored marker row matches", (w) => (w.web.restoredMarker = { token: "older", writtenAt: "2026-11-29T10:00:00.000Z" }), /older than the one written before the backup/],
    ["on-demand recovery point", (w) => (w.cloud.backupStates = ["RUNNING", "FAILED"]), /backup job job-0a1b2c3d FAILED/],
  ];
  it.each(faults)("fails %s on its own fault, and still cleans up", async (name, fault, detail) => {
    const w = world();
    fault(w);
    const report = await w.run();
    expect(report.ok).toBe(false);
    expect(report.steps.filter((s) => s.status === "failed").map((s) => s.name)).toEqual([name]);
    expect(report.steps.find((s) => s.name === name)!.detail).toMatch(detail);
    expect(w.engine.calls.slice(-CLEANUP.length)).toEqual(CLEANUP);
    expect(w.files.size).toBe(0);
  });

  it.each([
    ["instance refresh finished", (w: ReturnType<typeof world>) => (w.cloud.refreshStatuses = ["InProgress", "Failed"]), /ended Failed/],
    ["instance refresh finished", (w: ReturnType<typeof world>) => (w.cloud.refreshStatuses = ["InProgress"]), /gave up after 60 s: acc-run1-web InProgress/],
    ["certificate issued", (w: ReturnType<typeof world>) => (w.cloud.certificateStatuses = ["VALIDATION_TIMED_OUT"]), /VALIDATION_TIMED_OUT/],
    ["deploy the canary", (w: ReturnType<typeof world>) => (w.engine.failUpWhen = /\(deploy\)/), /update failed \(deploy\)/],
  ])("stops at %s when it fails, skips the checks, and cleans up", async (name, fault, detail) => {
    const w = world();
    fault(w);
    const report = await w.run();
    expect(report.ok).toBe(false);
    expect(report.steps.find((s) => s.status === "failed")).toMatchObject({ name, detail: expect.stringMatching(detail) });
    expect(statusOf(report, "health report all green")).toBeUndefined();
    expect(w.engine.calls.slice(-CLEANUP.length)).toEqual(CLEANUP);
  });

  it("continues the cleanup past a failing cleanup step and lists what is left behind", async () => {
    const w = world();
    w.engine.failUpWhen = /\(offboarding\)/;
    w.cloud.remaining = [
      { arn: "arn:aws:rds:eu-central-1:123456789012:db:acc-run1-db", region: "eu-central-1" },
      { arn: "arn:aws:kms:eu-central-1:123456789012:key/1234", region: "eu-central-1", note: "PendingDeletion (7 days)" },
    ];
    const report = await w.run();
    expect(statusOf(report, "offboarding deploy")).toBe("failed");
    expect(w.engine.calls.slice(-5)).toEqual(["export", "destroy", "unprotect --all", "destroy", "stack rm acc-run1"]);
    expect(report.ok).toBe(false);
    expect(report.leftovers).toHaveLength(4);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain("`arn:aws:rds:eu-central-1:123456789012:db:acc-run1-db` (eu-central-1)");
    expect(markdown).toContain("PendingDeletion (7 days)");
  });

  it("retries the health report until it is green, within its timeout", async () => {
    const w = world();
    const healthy = w.web.get.bind(w.web);
    let reads = 0;
    w.web.get = (url) => (url.endsWith("/health") && ++reads < 3
      ? Promise.resolve({ status: 503, headers: { server: "cloudflare" }, body: JSON.stringify({ ok: false, checks: { cache: { status: "failed", detail: "modifying" } }, cloudflare: { "cf-connecting-ip": "198.51.100.20", "cf-ray": "x" } }) })
      : healthy(url));
    const report = await w.run();
    expect(statusOf(report, "health report all green")).toBe("passed");
    expect(reads).toBe(3);
    expect(report.steps.find((s) => s.name === "health report all green")!.seconds).toBe(30);
  });

  it("counts keys and secrets pending deletion as gone: the run passes with them listed", async () => {
    const w = world();
    w.cloud.remaining = [{ arn: "arn:aws:kms:eu-central-1:123456789012:key/1234", region: "eu-central-1", note: "PendingDeletion (7 days)" }];
    const report = await w.run();
    expect(report.ok).toBe(true);
    expect(report.leftovers).toHaveLength(3);
  });

  it("with --keep leaves the canary in place and says so", async () => {
    const w = world(true);
    const report = await w.run();
    expect(report.kept).toBe(true);
    expect(w.engine.calls).not.toContain("destroy");
    expect(report.leftovers).toBeUndefined();
    expect(renderMarkdown(report)).toMatch(/Left in place \(--keep\)/);
  });
});

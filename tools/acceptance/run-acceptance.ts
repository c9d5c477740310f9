/**
 * The acceptance run: deploy the canary, wait until it serves, check it from outside, drill a
 * restore, then remove everything it created, whatever failed before, and list what is left.
 */
import type { OperationListeners } from "../fleet/engine";
import { ADMIN_PATH, HEALTH_PATH, LIVENESS_PATH, type CanaryFile, type CanaryStages } from "./canary";
import { databaseIdentifierOf } from "./database-identifiers";
import type { AcceptanceCloud, AcceptanceEngine, AcceptanceZone, Clock, ProbeResponse, RetainedResource, WebProbe } from "./ports";
import type { AcceptanceReport, RestoreMeasures, StepRecord, StepStatus } from "./report";

/** How long each wait lasts at most. */
export interface Timeouts {
  /** Instance refresh after a deploy. @default 30 min */
  readonly instanceRefreshMs: number;
  /** ACM certificate validation. @default 30 min */
  readonly certificateMs: number;
  /** The site answering through Cloudflare. @default 15 min */
  readonly siteMs: number;
  /** The on-demand backup job. @default 60 min */
  readonly backupMs: number;
  /** The restored copy answering with the marker row. @default 30 min */
  readonly restoredMs: number;
  /** The health report all green. @default 10 min */
  readonly healthMs: number;
  /** Between two polls. @default 15 s */
  readonly pollMs: number;
  /** A direct connection attempt to the origin. @default 10 s */
  readonly connectMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  instanceRefreshMs: 30 * 60_000, certificateMs: 30 * 60_000, siteMs: 15 * 60_000, backupMs: 60 * 60_000, healthMs: 10 * 60_000, restoredMs: 30 * 60_000, pollMs: 15_000, connectMs: 10_000,
};

export interface AcceptanceRun {
  readonly stages: CanaryStages;
  /** Leave the canary in place (no cleanup). @default false */
  readonly keep: boolean;
  readonly timeouts: Timeouts;
}

export interface AcceptanceDeps {
  readonly engine: AcceptanceEngine;
  readonly cloud: AcceptanceCloud;
  readonly zone: AcceptanceZone;
  readonly web: WebProbe;
  readonly clock: Clock;
  /** Writes (text) or removes (undefined) the canary's file in the folder its stack reads. */
  readonly tenantFile: (dir: string, id: string, text: string | undefined) => void;
  readonly log: (line: string) => void;
}

/** The smoke app's /health answer (acceptance/app/src/checks.mjs). */
interface HealthReport {
  ok?: boolean;
  checks?: Record<string, { status: string; detail: string; marker?: { token: string; writtenAt: string } }>;
  cloudflare?: Record<string, string | null>;
}

class StepFailure extends Error {}
const fail = (message: string): never => {
  throw new StepFailure(message);
};

/** Refresh states that end a refresh badly (AutoScaling API reference, InstanceRefresh Status). */
const REFRESH_FAILED = new Set(["Failed", "Cancelled", "RollbackSuccessful", "RollbackFailed"]);
const REFRESH_RUNNING = new Set(["Pending", "InProgress", "Cancelling", "RollbackInProgress", "Baking"]);
/** Type tokens of what a destroy keeps and the run deletes itself (node_modules/@pulumi/*: `__pulumiType`). */
const KMS_KEY = "aws:kms/key:Key";
const ORIGIN_PULL_CERTIFICATE = "cloudflare:index/authenticatedOriginPullsCertificate:AuthenticatedOriginPullsCertificate";
/** ACM certificate states that never become ISSUED (ACM API reference, CertificateDetail Status). */
const CERTIFICATE_FAILED = new Set(["FAILED", "VALIDATION_TIMED_OUT", "REVOKED", "EXPIRED", "INACTIVE"]);

export async function runAcceptance(run: AcceptanceRun, deps: AcceptanceDeps): Promise<AcceptanceReport> {
  const { engine, cloud, web, clock, log } = deps;
  const t = run.timeouts;
  const canary = run.stages.base;
  const spec = canary.spec;
  const region = spec.aws.region;
  const regions = [region, ...(spec.aws.backupRegion ? [spec.aws.backupRegion] : [])];
  const host = `${canary.id}.${spec.edge.zone}`;
  const site = `https://${host}`;
  const steps: StepRecord[] = [];
  const startedAt = new Date(clock.now()).toISOString();

  /** Runs one step and records it; a failure is recorded, and rethrown when `critical`. */
  async function step<T>(name: string, phase: StepRecord["phase"], api: string, work: () => Promise<{ detail: string; value?: T }>, critical = true): Promise<T | undefined> {
    const started = clock.now();
    let status: StepStatus = "passed";
    let detail: string;
    let value: T | undefined;
    try {
      ({ detail, value } = await work());
    } catch (error) {
      status = "failed";
      detail = error instanceof Error ? error.message : String(error);
    }
    steps.push({ name, phase, status, detail, api, startedAt: new Date(started).toISOString(), seconds: (clock.now() - started) / 1000 });
    log(`${status === "passed" ? "ok  " : "FAIL"} ${name}: ${detail}`);
    if (status === "failed" && critical) throw new StepFailure(`${name} failed`);
    return value;
  }
  const skip = (name: string, phase: StepRecord["phase"], api: string, detail: string) =>
    steps.push({ name, phase, status: "skipped", detail, api, startedAt: new Date(clock.now()).toISOString(), seconds: 0 });

  /** Polls `probe` until it returns a value, failing after `timeoutMs` with the last reason. */
  async function waitFor<T>(timeoutMs: number, probe: () => Promise<T | { waiting: string }>): Promise<T> {
    const deadline = clock.now() + timeoutMs;
    for (;;) {
      const result = await probe();
      if (!(result && typeof result === "object" && "waiting" in result)) return result;
      if (clock.now() >= deadline) fail(`gave up after ${Math.round(timeoutMs / 1000)} s: ${result.waiting}`);
      await clock.sleep(t.pollMs);
    }
  }

  const listeners: OperationListeners = { onEvent: () => undefined, onOutput: (text) => log(text.trimEnd()) };
  let tenantsDir: string | undefined;
  const deploy = async (file: CanaryFile) => {
    deps.tenantFile(tenantsDir!, file.id, file.text);
    return (await engine.run(file.id, "up", listeners)).outputs;
  };

  let deployed = false;
  let drillDeployed: string | undefined;
  let restore: RestoreMeasures | undefined;
  try {
    await step("open the canary's stack", "deploy", "Automation API: LocalWorkspace.createStack / selectStack (pulumi stack init / select)", async () => {
      await engine.prepare();
      tenantsDir = (await engine.openStack(canary.id, true)).tenantsDir ?? fail("the engine cannot tell which folder the stack reads its tenant file from");
      return { detail: `stack ${canary.id}, tenant file in ${tenantsDir}` };
    });
    deployed = true;
    const outputs = (await step("deploy the canary", "deploy", "Automation API: Stack.up (pulumi up)", async () => {
      const value = await deploy(canary);
      return { detail: `${Object.keys(value).length} stack outputs`, value };
    }))!;
    await step("instance refresh finished", "deploy", "EC2 Auto Scaling DescribeInstanceRefreshes", async () => {
      const groups = await waitFor(t.instanceRefreshMs, async () => {
        const refreshes = await cloud.instanceRefreshes(canary.id, region);
        const bad = refreshes.find((r) => REFRESH_FAILED.has(r.status));
        if (bad) fail(`instance refresh of ${bad.group} ended ${bad.status}`);
        const running = refreshes.filter((r) => REFRESH_RUNNING.has(r.status));
        return running.length > 0 ? { waiting: `${running.map((r) => `${r.group} ${r.status}`).join(", ")}` } : refreshes;
      });
      return { detail: groups.length === 0 ? "no refresh was started" : groups.map((g) => `${g.group} ${g.status}`).join(", ") };
    });
    await step("certificate issued", "deploy", "ACM DescribeCertificate", async () => {
      const certificates = await waitFor(t.certificateMs, async () => {
        const all = await cloud.certificates(canary.id, region);
        const bad = all.find((c) => CERTIFICATE_FAILED.has(c.status));
        if (bad) fail(`certificate ${bad.arn} is ${bad.status}`);
        if (all.length === 0) return { waiting: "no certificate tagged with the canary yet" };
        const pending = all.filter((c) => c.status !== "ISSUED");
        return pending.length > 0 ? { waiting: pending.map((c) => `${c.arn} ${c.status}`).join(", ") } : all;
      });
      return { detail: `${certificates.length} certificate(s) ISSUED` };
    });
    await step("site answers through Cloudflare", "deploy", `HTTPS GET ${site}${LIVENESS_PATH}`, async () => {
      const response = await waitFor(t.siteMs, async () => {
        const r: ProbeResponse = await web.get(`${site}${LIVENESS_PATH}`).catch((error: Error) => ({ status: 0, headers: {}, body: error.message }));
        return r.status === 200 ? r : { waiting: `status ${r.status}${r.status === 0 ? ` (${r.body})` : ""}` };
      });
      return { detail: `200 from ${response.headers["server"] ?? "an unnamed server"}` };
    });

    await step("HTTPS through Cloudflare", "check", "HTTPS GET; Cloudflare headers https://developers.cloudflare.com/fundamentals/reference/http-headers/", async () => {
      const r = await web.get(`${site}${LIVENESS_PATH}`);
      const problems: string[] = [];
      if (r.status !== 200) problems.push(`status ${r.status}`);
      // The zone's minimum TLS version is 1.2 (components/edge/edge.ts, min_tls_version).
      if (r.tlsProtocol !== "TLSv1.2" && r.tlsProtocol !== "TLSv1.3") problems.push(`TLS ${r.tlsProtocol ?? "none"} (expected TLSv1.2 or TLSv1.3)`);
      if (r.headers["server"] !== "cloudflare") problems.push(`server "${r.headers["server"] ?? ""}" (expected cloudflare)`);
      if (!r.headers["cf-ray"]) problems.push("no CF-Ray header");
      if (spec.edge.hsts && !/max-age=\d+/.test(r.headers["strict-transport-security"] ?? "")) problems.push("no Strict-Transport-Security header (edge.hsts is on)");
      if (problems.length) fail(problems.join("; "));
      return { detail: `${r.tlsProtocol}, server cloudflare, CF-Ray ${r.headers["cf-ray"]}${spec.edge.hsts ? `, HSTS ${r.headers["strict-transport-security"]}` : ""}` };
    }, false);
    await step("HTTP redirects to HTTPS", "check", "HTTP GET; zone setting always_use_https (components/edge/edge.ts)", async () => {
      const r = await web.get(`http://${host}${LIVENESS_PATH}`);
      const location = r.headers["location"] ?? "";
      if (![301, 302, 307, 308].includes(r.status) || !location.startsWith(`https://${host}`)) fail(`status ${r.status}, Location "${location}" (expected a redirect to https://${host})`);
      return { detail: `${r.status} → ${location}` };
    }, false);
    await step("origin refuses direct access", "check", "TCP connect to the load balancer (security group: Cloudflare's ranges only, components/web-tier/security-groups.ts)", async () => {
      const origin = outputs["loadBalancerDnsName"];
      if (typeof origin !== "string") return fail("the stack has no loadBalancerDnsName output");
      const outcomes = await Promise.all([443, 80].map(async (port) => [port, await web.connect(origin, port, t.connectMs)] as const));
      const open = outcomes.filter(([, o]) => o === "connected");
      if (open.length) fail(`${origin} accepted a connection from the runner on port ${open.map(([p]) => p).join(", ")}`);
      return { detail: outcomes.map(([p, o]) => `${origin}:${p} ${o}`).join(", ") };
    }, false);
    await step("WAF blocks the admin path", "check", `HTTPS GET ${ADMIN_PATH} from the runner (custom rule: edge.waf.adminPaths)`, async () => {
      const r = await web.get(`${site}${ADMIN_PATH}`);
      if (r.status !== 403 || r.headers["server"] !== "cloudflare") fail(`status ${r.status} from "${r.headers["server"] ?? ""}" (expected 403 from cloudflare: the runner's address is not on the allow list)`);
      return { detail: `403 from cloudflare, CF-Ray ${r.headers["cf-ray"] ?? "?"}` };
    }, false);
    const marker = await step<{ token: string; writtenAt: string }>("health report all green", "check", `HTTPS GET ${HEALTH_PATH} (acceptance/app)`, async () => {
      // Retried: mail verification or a cache still modifying can fail the first reads on timing alone.
      const expected = expectedChecks(spec);
      const healthy = await waitFor<{ report: HealthReport }>(t.healthMs, async () => {
        const r = await web.get(`${site}${HEALTH_PATH}`).catch((error: Error) => ({ status: 0, headers: {}, body: error.message }));
        let report: HealthReport;
        try {
          report = JSON.parse(r.body);
        } catch {
          return { waiting: `status ${r.status}, not a health report: ${r.body.slice(0, 200)}` };
        }
        const problems = Object.entries(report.checks ?? {}).filter(([name, c]) => c.status === "failed" || (expected.includes(name) && c.status !== "ok")).map(([name, c]) => `${name} ${c.status}: ${c.detail}`);
        for (const name of ["cf-connecting-ip", "cf-ray"]) if (!report.cloudflare?.[name]) problems.push(`the app saw no ${name} header`);
        return r.status !== 200 || problems.length ? { waiting: `status ${r.status}; ${problems.join("; ")}` } : { report };
      });
      const report = healthy.report;
      return { detail: `${expected.join(", ")} ok; CF-Connecting-IP ${report.cloudflare?.["cf-connecting-ip"]}`, value: report.checks?.["database"]?.marker };
    }, false);

    if (!spec.database || !spec.backup) skip("restore drill", "restore", "AWS Backup", "the tenant file has no database or no backup section");
    else if (!marker) skip("restore drill", "restore", "AWS Backup", "no marker row was written (the health report failed)");
    else {
      const vaultArn = typeof outputs["backupVaultArn"] === "string" ? outputs["backupVaultArn"] : "";
      const recovery = await step<{ arn: string; requestedAt: number }>("on-demand recovery point", "restore", "AWS Backup StartBackupJob, DescribeBackupJob", async () => {
        const identifier = databaseIdentifierOf(canary.spec) ?? fail("the canary has no database");
        const database = (await cloud.database(identifier, region)) ?? fail(`no database ${identifier}`);
        const requestedAt = clock.now();
        const job = await cloud.startBackupJob({ vaultName: vaultArn.split(":").pop()!, resourceArn: database.arn, roleArn: await cloud.backupRoleArn(canary.id, region), region });
        const arn = await waitFor(t.backupMs, async () => {
          const state = await cloud.backupJob(job, region);
          if (["FAILED", "ABORTED", "EXPIRED", "PARTIAL"].includes(state.state)) fail(`backup job ${job} ${state.state}: ${state.message ?? ""}`);
          return state.state === "COMPLETED" && state.recoveryPointArn ? state.recoveryPointArn : { waiting: `backup job ${job} ${state.state}` };
        });
        return { detail: arn, value: { arn, requestedAt } };
      }, false);
      if (recovery) {
        const restoredAt = clock.now();
        drillDeployed = recovery.arn;
        /** The drill's stage and the identifier its program gives the restored generation. */
        const drill = () => {
          const file = run.stages.drill(recovery.arn);
          return { file, identifier: databaseIdentifierOf(file.spec) ?? fail("the drill's tenant file has no database") };
        };
        await step("restore side by side", "restore", "Automation API: Stack.up with database.restore (docs/runbooks/restore.md, step 2)", async () => {
          const { file, identifier } = drill();
          await deploy(file);
          return { detail: `${identifier} restored from ${recovery.arn}` };
        }, false);
        await step("restored marker row matches", "restore", `RDS DescribeDBInstances; HTTPS GET /marker?host=<restored endpoint> (acceptance/app)`, async () => {
          const { identifier } = drill();
          const restored = (await cloud.database(identifier, region)) ?? fail(`no database ${identifier}`);
          const found = await waitFor(t.restoredMs, async () => {
            const r = await web.get(`${site}/marker?host=${encodeURIComponent(restored.address)}`);
            return r.status === 200 ? (JSON.parse(r.body) as { token: string; writtenAt: string }) : { waiting: `/marker answered ${r.status}: ${r.body.slice(0, 200)}` };
          });
          if (Date.parse(found.writtenAt) < Date.parse(marker.writtenAt)) fail(`the restored copy's newest marker (${found.token}, ${found.writtenAt}) is older than the one written before the backup (${marker.token}, ${marker.writtenAt})`);
          restore = { recoveryPointArn: recovery.arn, rtoSeconds: (clock.now() - restoredAt) / 1000, rpoSeconds: Math.max(0, (recovery.requestedAt - Date.parse(found.writtenAt)) / 1000), markerToken: found.token };
          return { detail: `marker ${found.token} (${found.writtenAt}) restored; RTO ${restore.rtoSeconds.toFixed(0)} s, RPO ${restore.rpoSeconds.toFixed(0)} s` };
        }, false);
      }
    }
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
  } finally {
    if (deployed && !run.keep) await cleanup();
  }

  async function cleanup(): Promise<void> {
    const c = (name: string, api: string, work: () => Promise<string>) => step(name, "cleanup", api, async () => ({ detail: await work() }), false);
    if (drillDeployed) {
      const arn = drillDeployed;
      const discarded = () => run.stages.discard(arn);
      await c("discard the drill's copy", "Automation API: Stack.up with database.discard (docs/runbooks/restore.md)", async () => {
        const file = discarded();
        await deploy(file);
        return `protection of ${databaseIdentifierOf(file.spec)} lifted`;
      });
      await c("back to the first generation", "Automation API: Stack.up (the restored generation is deleted)", async () => (await deploy(canary), `${databaseIdentifierOf(discarded().spec)} deleted`));
    }
    await c("offboarding deploy", "Automation API: Stack.up with offboarding (docs/runbooks/offboard.md, step 4)", async () => (await deploy(run.stages.offboard), "protection of what runs lifted"));
    // Read before the first destroy: `--exclude-protected` leaves out only protected resources
    // (pulumi/pulumi pkg/cmd/pulumi/operations/destroy.go getProtectedExcludes), and deleting a
    // retain-on-delete resource only drops it from the state (pkg/resource/deploy/step.go), so a kept
    // but unprotected resource (the origin-pull certificate) is gone from the state after that destroy.
    let retained: RetainedResource[] = [];
    await c("read what a destroy keeps", "Automation API: Stack.exportStack (retainOnDelete in the state)", async () => {
      retained = await engine.retainedResources(canary.id);
      return retained.length ? `${retained.length} kept on delete: ${retained.map((r) => r.type).join(", ")}` : "nothing is kept on delete";
    });
    await c("destroy what runs", "Automation API: Stack.destroy --exclude-protected", async () => (await engine.run(canary.id, "destroy", listeners), "everything unprotected deleted"));
    await c("delete retained data", "AWS Backup DeleteRecoveryPoint, RDS DeleteDBSnapshot, S3 DeleteObjects", async () => {
      const deleted = await cloud.purgeRetainedData(canary.id, regions);
      return deleted.length ? deleted.join("; ") : "nothing to delete";
    });
    await c("destroy the protected rest", "pulumi state unprotect --all; Automation API: Stack.destroy", async () => {
      await engine.unprotectAll(canary.id);
      await engine.run(canary.id, "destroy", listeners);
      return `protection lifted, the rest destroyed; ${retained.length} kept on delete dropped from the state`;
    });
    await c("delete what the destroy kept", "S3 DeleteBucket, Backup DeleteBackupVault, KMS ScheduleKeyDeletion, Cloudflare DELETE origin_tls_client_auth", () => deleteRetained(retained));
    await c("remove the stack", "Automation API: LocalWorkspace.removeStack", async () => (await engine.removeStack(canary.id), `stack ${canary.id} removed`));
    if (tenantsDir) deps.tenantFile(tenantsDir, canary.id, undefined);
  }

  /** Deletes each resource a destroy kept, keys last (the buckets and vaults they encrypt go first); every failure is reported. */
  async function deleteRetained(retained: readonly RetainedResource[]): Promise<string> {
    const ordered = [...retained].sort((a, b) => Number(a.type === KMS_KEY) - Number(b.type === KMS_KEY));
    const done: string[] = [];
    const failed: string[] = [];
    for (const resource of ordered) {
      try {
        if (resource.type === ORIGIN_PULL_CERTIFICATE) {
          const zoneId = spec.edge.zoneId ?? fail("the canary has no edge.zoneId");
          await deps.zone.deleteOriginPullCertificate(zoneId, resource.id);
          done.push(`origin pull certificate ${resource.id} deleted`);
        } else {
          const where = typeof resource.outputs["region"] === "string" ? resource.outputs["region"] : region;
          done.push(await cloud.deleteRetained(resource, where));
        }
      } catch (error) {
        failed.push(`${resource.urn}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failed.length) fail(`not deleted: ${failed.join("; ")}${done.length ? `; deleted: ${done.join("; ")}` : ""}`);
    return done.length ? done.join("; ") : "nothing to delete";
  }

  const listingFailed = (where: string) => (error: Error) => [{ arn: "(unknown)", region: where, note: `listing failed: ${error.message}` }];
  const leftovers = run.keep || !deployed ? undefined : [
    ...(await cloud.leftovers(canary.id, regions).catch(listingFailed(region))),
    ...(await deps.zone.leftovers(spec.edge.zoneId ?? "").catch(listingFailed("cloudflare"))),
  ];
  const real = (leftovers ?? []).filter((l) => !/PendingDeletion/.test(l.note ?? ""));
  return {
    canary: canary.id,
    url: site,
    startedAt,
    finishedAt: new Date(clock.now()).toISOString(),
    ok: steps.every((s) => s.status !== "failed") && real.length === 0,
    kept: run.keep,
    steps,
    ...(restore ? { restore } : {}),
    ...(leftovers ? { leftovers } : {}),
  };
}

/** The health checks the canary's sections make the app run (acceptance/app/src/checks.mjs). */
export function expectedChecks(spec: CanaryFile["spec"]): string[] {
  return [
    ...(spec.database ? ["database"] : []),
    ...(spec.database && spec.database.readReplicas > 0 ? ["replicas"] : []),
    ...(spec.cache ? ["cache"] : []),
    ...(spec.web?.workers ? ["queue"] : []),
    ...(spec.media ? ["bucket"] : []),
    ...(spec.mail ? ["mail"] : []),
  ];
}

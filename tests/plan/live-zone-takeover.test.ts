/**
 * Taking over a live zone already on Cloudflare (docs/runbooks/dns-cutover.md, case C) with no
 * moment where the site does not answer: the first deploy (edge.zoneId and edge.currentOrigin)
 * builds everything and keeps the zone's web records as they are; removing currentOrigin moves
 * them in place, after the HTTPS listener. Planned through the program with the edge preflight
 * against a local fake of Cloudflare's API, and compared with the update simulation.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { CloudflareApi } from "../../program/edge-preflight/cloudflare-api";
import { edgePreflight } from "../../program/edge-preflight/edge-preflight";
import { main as preflightCli } from "../../tools/cli/edge-preflight";
import { KEPT_DURING_TAKEOVER, WEB_RECORD_COMMENTS } from "../../components/edge/edge";
import { MOVED_NEXT_STEP, TAKEOVER_NEXT_STEP } from "../../program/program";
import type { DeployedState } from "../../tools/plan/mock-stack-state";
import type { TenantPlan } from "../../policies/plan-types";
import { OFFLINE_CLOUDFLARE_TOKEN, planTenant } from "../../tools/plan/run-plan";
import { simulateUpdate } from "../../tools/plan/update-simulation";
import { loadTenantFile } from "../../tenant-schema/load-tenant";
import { closeFakeCloudflares, FAKE_ZONE_ID as ZONE_ID, startFakeZone, type FakeZone, type FakeZoneOptions } from "../helpers/fake-cloudflare-api";
import { editPlan } from "../helpers/edit-plan";
import { removeTempFolders, tempFolder, writeTenant } from "../helpers/temp-tenants";
import { webTenantYaml } from "../helpers/web-tenant";

const DNS_RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const LISTENER = "aws:lb/listener:Listener";
const ACM_CERTIFICATE = "aws:acm/certificate:Certificate";
const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";

afterEach(async () => {
  await closeFakeCloudflares();
  removeTempFolders();
});

/** A web tenant on the existing zone (the ACM certificate issued by the stack), with `currentOrigin` or not. */
function takeoverYaml(currentOrigin: boolean, extra: string[] = []): string {
  const edge = [`  zoneId: ${ZONE_ID}`, ...(currentOrigin ? ["  currentOrigin: old-host.example"] : []), ...extra].join("\n");
  return webTenantYaml()
    .replace(/ {2}loadBalancer:\n {4}certificateArn: .*\n/, "")
    .replace("  accountId: 0123456789abcdef0123456789abcdef\n", `${edge}\n`);
}

const record = (id: string, type: string, name: string, content: string, more: Record<string, unknown> = {}) => ({ id, type, name, content, ttl: 1, proxied: true, ...more });

/** The live zone: active, with its Universal certificate, `www` proxied through a CNAME to the current hosting. */
function liveZone(records: FakeZone["records"] = [record("w1", "CNAME", "www.acme.example", "old-host.example", { comment: "shop" })]): FakeZoneOptions {
  return { records, certificatePacks: [{ id: "p1", type: "universal", status: "active", hosts: ["acme.example", "*.acme.example"] }] };
}

async function planWith(dir: string, zone: FakeZoneOptions, deployedState?: DeployedState): Promise<TenantPlan> {
  const server = await startFakeZone({ ...zone, token: OFFLINE_CLOUDFLARE_TOKEN });
  vi.stubEnv("CLOUDFLARE_API_BASE", server.baseUrl);
  try {
    return await planTenant("acme", dir, { preflightEdge: true, deployedState });
  } finally {
    vi.unstubAllEnvs();
  }
}

const webRecord = (plan: TenantPlan, host: string) => plan.resources.find((r) => r.type === DNS_RECORD && r.name === `acme-web-${host}`)!;

/** The state the first deploy leaves, as the engine's builtin invokes read it: outputs, and each record's id. */
function stateAfter(plan: TenantPlan, ids: Record<string, string>): DeployedState {
  return {
    outputs: { tenantId: "acme" },
    resources: Object.fromEntries(plan.resources.filter((r) => r.type === DNS_RECORD).map((r) => [r.urn, { type: r.type, outputs: { ...r.inputs, id: ids[r.name] ?? `id-${r.name}` } }])),
  };
}

describe("case C: the first deploy keeps the live site where it is", () => {
  it("adopts the live web CNAME as it is, creates the missing one to currentOrigin, serves the Origin CA certificate", async () => {
    const dir = tempFolder();
    writeTenant(dir, "acme", takeoverYaml(true));
    const plan = await planWith(dir, liveZone());
    const www = webRecord(plan, "www");
    // Imported with what the zone has: proxied to the current hosting, nothing changes for visitors.
    expect(www.options.importId).toBe(`${ZONE_ID}/w1`);
    expect(www.inputs).toMatchObject({ type: "CNAME", content: "old-host.example", proxied: true, ttl: 1, comment: WEB_RECORD_COMMENTS.currentHosting });
    expect(www.options.ignoreChanges).toEqual([...KEPT_DURING_TAKEOVER]);
    // A hostname without a record gets one to the current hosting, unproxied.
    const apex = webRecord(plan, "apex");
    expect(apex.options.importId).toBeUndefined();
    expect(apex.inputs).toMatchObject({ type: "CNAME", content: "old-host.example", proxied: false, ttl: 300 });
    // The load balancer serves HTTPS with the Origin CA certificate; ACM's is requested only once the records point at it.
    const listener = plan.resources.find((r) => r.type === LISTENER && r.name === "acme-https")!;
    const originCa = plan.resources.find((r) => r.type === "aws:acm/certificate:Certificate" && r.name === "acme-origin-ca")!;
    expect(plan.propertyDependencies[listener.urn]?.["certificateArn"]).toEqual([originCa.urn]);
    expect(plan.resources.some((r) => r.type === "aws:acm/certificateValidation:CertificateValidation")).toBe(false);
    expect(plan.resources.filter((r) => r.type === DNS_RECORD && r.name.startsWith("acme-certificate-"))).toHaveLength(0);
    expect(plan.resources.filter((r) => r.type === "aws:acm/certificate:Certificate").map((r) => r.name)).toEqual(["acme-origin-ca"]);
    expect(plan.outputs["nextStep"]).toBe(TAKEOVER_NEXT_STEP);
    expect(String(plan.outputs["cutoverNote"])).toContain("until edge.currentOrigin is removed");
  });

  it("npm run edge:preflight says which web records it keeps until the cutover", async () => {
    const file = writeTenant(tempFolder(), "acme", takeoverYaml(true));
    const server = await startFakeZone({ ...liveZone(), token: "t" });
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    expect(await preflightCli([file], { CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_API_BASE: server.baseUrl }, io)).toBe(0);
    expect(out).toContain(`acme: keeps www.acme.example as it is until the cutover: CNAME old-host.example, proxied (import ${ZONE_ID}/w1)`);
  });

  it("refuses an A record at a web hostname, whose type the cutover could not change in place", async () => {
    const dir = tempFolder();
    const file = writeTenant(dir, "acme", takeoverYaml(true));
    const failure = await planWith(dir, liveZone([record("a1", "A", "acme.example", "192.0.2.10")])).then(() => "planned", (e: unknown) => (e as Error).message);
    expect(failure).toMatch(new RegExp(`${file}:\\d+:\\d+: edge\\.hostnames\\[0\\]: acme\\.example has a A record \\(id a1, 192\\.0\\.2\\.10\\): the cutover changes a web hostname's record in place`));
    expect(failure).toContain('PATCH /zones/<zone>/dns_records/a1 with {"type":"CNAME","content":"old-host.example"}');
  });

  it("refuses delegated beside zoneId and currentOrigin: removing currentOrigin is the switch", () => {
    const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", takeoverYaml(true, ["  delegated: true"])));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.issues.map((i) => [i.path, i.message.split(";")[0]])).toEqual([["edge.delegated", "is for a zone the platform creates"]]);
  });
});

describe("case C: removing currentOrigin moves the records in place, after the listener; the deploy after requests ACM's certificate", () => {
  it("moves the adopted records in place right after the listener, which keeps the Origin CA certificate; the next deploy puts ACM's on the listener, records unchanged", async () => {
    const dir = tempFolder();
    writeTenant(dir, "acme", takeoverYaml(true));
    const first = await planWith(dir, liveZone());
    // The zone after the first deploy: the records carry the stack's comment and are in its state.
    const after = liveZone([
      record("w1", "CNAME", "www.acme.example", "old-host.example", { comment: WEB_RECORD_COMMENTS.currentHosting }),
      record("n1", "CNAME", "acme.example", "old-host.example", { proxied: false, ttl: 300, comment: WEB_RECORD_COMMENTS.currentHosting }),
    ]);
    const ids = { "acme-web-www": "w1", "acme-web-apex": "n1" };
    writeTenant(dir, "acme", takeoverYaml(false));
    const flip = await planWith(dir, after, stateAfter(first, ids));
    const listenerOf = (plan: TenantPlan) => plan.resources.find((r) => r.type === LISTENER && r.name === "acme-https")!;
    const listener = listenerOf(flip);
    for (const host of ["www", "apex"]) {
      const now = webRecord(flip, host);
      expect(now.options.importId).toBeUndefined();
      expect(now.options.ignoreChanges).toEqual([]);
      expect(now.options.dependsOn).toContain(listener.urn);
      expect(now.inputs).toMatchObject({ type: "CNAME", proxied: true, ttl: 1, comment: WEB_RECORD_COMMENTS.loadBalancer });
    }
    // The listener keeps the Origin CA certificate: its step changes nothing, so the records move
    // at once, and ACM is not asked while they still point at the current hosting.
    const originCa = flip.resources.find((r) => r.type === ACM_CERTIFICATE && r.name === "acme-origin-ca")!;
    expect(flip.propertyDependencies[listener.urn]?.["certificateArn"]).toEqual([originCa.urn]);
    expect(flip.resources.filter((r) => r.type === ACM_CERTIFICATE).map((r) => r.name)).toEqual(["acme-origin-ca"]);
    expect(flip.resources.some((r) => r.type === VALIDATION)).toBe(false);
    const switched = simulateUpdate(first, flip);
    expect(switched.changes.map((c) => [c.name, c.step, c.fields])).toEqual([
      ["acme-web-apex", "update", ["comment", "content", "proxied", "ttl"]],
      ["acme-web-www", "update", ["comment", "content"]],
    ]);
    expect(switched.errors).toEqual([]);
    expect(flip.outputs["nextStep"]).toBe(MOVED_NEXT_STEP);

    // The deploy after: the state's records point at the load balancer. ACM's certificate is
    // requested, validated through the zone, then put on the listener in place; the Origin CA
    // certificate goes last; the records stay as they are.
    const moved = liveZone([
      record("w1", "CNAME", "www.acme.example", String(webRecord(flip, "www").inputs["content"]), { comment: WEB_RECORD_COMMENTS.loadBalancer }),
      record("n1", "CNAME", "acme.example", String(webRecord(flip, "apex").inputs["content"]), { comment: WEB_RECORD_COMMENTS.loadBalancer }),
    ]);
    const final = await planWith(dir, moved, stateAfter(flip, ids));
    const validation = final.resources.find((r) => r.type === VALIDATION)!;
    expect(final.propertyDependencies[listenerOf(final).urn]?.["certificateArn"]).toEqual([validation.urn]);
    const swap = simulateUpdate(flip, final);
    const at = (op: string, name: string) => swap.steps.findIndex((s) => s.op === op && swap.changes.find((c) => c.urn === s.urn)?.name === name);
    expect(at("create", "acme-certificate")).toBeGreaterThanOrEqual(0);
    expect(at("create", "acme-certificate")).toBeLessThan(at("create", "acme-certificate-www"));
    expect(at("create", "acme-certificate-www")).toBeLessThan(at("update", "acme-https"));
    expect(swap.changes.find((c) => c.name === "acme-https")).toMatchObject({ step: "update", fields: ["certificateArn"] });
    expect(swap.changes.find((c) => c.type === VALIDATION)?.step).toBe("create");
    const originCaGone = swap.changes.filter((c) => c.step === "delete").map((c) => c.name).sort();
    expect(originCaGone).toEqual(["acme-origin-ca", "acme-origin-ca", "acme-origin-ca", "acme-origin-ca"]);
    expect(Math.min(...swap.changes.filter((c) => c.step === "delete").map((c) => swap.steps.findIndex((s) => s.urn === c.urn)))).toBeGreaterThan(at("update", "acme-https"));
    expect(swap.changes.filter((c) => c.type === DNS_RECORD && c.name.startsWith("acme-web-"))).toEqual([]);
    expect(final.outputs["nextStep"]).toBeUndefined();
    expect(swap.errors).toEqual([]);
  });

  it("with the tenant's own load-balancer certificate, moves the records right after the listener in one deploy: no Origin CA certificate, no deploy after", async () => {
    const dir = tempFolder();
    const ownCertificate = (currentOrigin: boolean) => webTenantYaml()
      .replace("  accountId: 0123456789abcdef0123456789abcdef\n", `  zoneId: ${ZONE_ID}\n${currentOrigin ? "  currentOrigin: old-host.example\n" : ""}`);
    expect(ownCertificate(false)).toMatch(/ {4}certificateArn: /);
    writeTenant(dir, "acme", ownCertificate(true));
    const first = await planWith(dir, liveZone());
    const ids = { "acme-web-www": "w1", "acme-web-apex": "n1" };
    const after = liveZone([
      record("w1", "CNAME", "www.acme.example", "old-host.example", { comment: WEB_RECORD_COMMENTS.currentHosting }),
      record("n1", "CNAME", "acme.example", "old-host.example", { proxied: false, ttl: 300, comment: WEB_RECORD_COMMENTS.currentHosting }),
    ]);
    writeTenant(dir, "acme", ownCertificate(false));
    const flip = await planWith(dir, after, stateAfter(first, ids));
    const listener = flip.resources.find((r) => r.type === LISTENER && r.name === "acme-https")!;
    expect(flip.resources.filter((r) => r.type === ACM_CERTIFICATE)).toEqual([]);
    expect(flip.resources.some((r) => r.type === VALIDATION)).toBe(false);
    expect(flip.outputs["nextStep"]).toBeUndefined();
    for (const host of ["www", "apex"]) {
      expect(webRecord(flip, host).options.dependsOn).toContain(listener.urn);
      expect(webRecord(flip, host).inputs).toMatchObject({ proxied: true, comment: WEB_RECORD_COMMENTS.loadBalancer });
    }
    const switched = simulateUpdate(first, flip);
    expect(switched.changes.map((c) => [c.name, c.step])).toEqual([["acme-web-apex", "update"], ["acme-web-www", "update"]]);
    const listenerAt = switched.steps.findIndex((s) => s.urn === listener.urn);
    const recordSteps = switched.steps.map((s, i) => [s.urn, i] as const).filter(([urn]) => urn === webRecord(flip, "www").urn || urn === webRecord(flip, "apex").urn);
    expect(recordSteps.every(([, i]) => listenerAt < 0 || i > listenerAt)).toBe(true);
    expect(switched.errors).toEqual([]);
  });

  it("refuses the switch while a hostname is in no active edge certificate, or the zone has none", async () => {
    const dir = tempFolder();
    const file = writeTenant(dir, "acme", takeoverYaml(false));
    const onCurrent = [record("w1", "CNAME", "www.acme.example", "old-host.example", { comment: WEB_RECORD_COMMENTS.currentHosting })];
    const state: DeployedState = { outputs: { tenantId: "acme" }, resources: { "urn:www": { type: DNS_RECORD, outputs: { id: "w1" } } } };
    const attempt = (packs: FakeZone["certificatePacks"]) => planWith(dir, { ...liveZone(onCurrent), certificatePacks: packs }, state).then(() => "planned", (e: unknown) => (e as Error).message);
    expect(await attempt([{ id: "p1", type: "advanced", status: "active", hosts: ["acme.example"] }]))
      .toMatch(new RegExp(`${file}:\\d+:\\d+: edge\\.hostnames\\[1\\]: www\\.acme\\.example is in no active edge certificate`));
    expect(await attempt([{ id: "p1", type: "universal", status: "pending_validation", hosts: ["acme.example", "*.acme.example"] }]))
      .toMatch(/edge\.hostnames: move to the load balancer, proxied \(edge\.currentOrigin was removed\), while the zone has no active edge certificate/);
    expect(await attempt(liveZone().certificatePacks)).toBe("planned");
  });
});

describe("case B: a created zone's live site moves with delegated: true, then ACM's certificate comes", () => {
  const ACCOUNT = "0123456789abcdef0123456789abcdef";
  const createdYaml = (delegated: boolean) => webTenantYaml()
    .replace(/ {2}loadBalancer:\n {4}certificateArn: .*\n/, "")
    .replace(`  accountId: ${ACCOUNT}\n`, `  accountId: ${ACCOUNT}\n  currentOrigin: old-host.example\n  delegated: ${delegated}\n`);
  const created = (records: FakeZone["records"]): FakeZoneOptions => ({ ...liveZone(records), zone: { account: { id: ACCOUNT } } });

  it("the delegated deploy moves the records and keeps the Origin CA certificate; the deploy after requests ACM's", async () => {
    const dir = tempFolder();
    writeTenant(dir, "acme", createdYaml(false));
    const first = await planWith(dir, created([]));
    const ids = { "acme-web-www": "w1", "acme-web-apex": "n1" };
    const onCurrent = created([
      record("w1", "CNAME", "www.acme.example", "old-host.example", { proxied: false, ttl: 300, comment: WEB_RECORD_COMMENTS.currentHosting }),
      record("n1", "CNAME", "acme.example", "old-host.example", { proxied: false, ttl: 300, comment: WEB_RECORD_COMMENTS.currentHosting }),
    ]);
    writeTenant(dir, "acme", createdYaml(true));
    const flip = await planWith(dir, onCurrent, stateAfter(first, ids));
    expect(flip.resources.filter((r) => r.type === ACM_CERTIFICATE).map((r) => r.name)).toEqual(["acme-origin-ca"]);
    expect(simulateUpdate(first, flip).changes.map((c) => [c.name, c.step])).toEqual([["acme-web-apex", "update"], ["acme-web-www", "update"]]);
    expect(flip.outputs["nextStep"]).toBe(MOVED_NEXT_STEP);
    const moved = created(["www", "apex"].map((host) => record(ids[`acme-web-${host}` as keyof typeof ids], "CNAME", host === "www" ? "www.acme.example" : "acme.example",
      String(webRecord(flip, host).inputs["content"]), { comment: WEB_RECORD_COMMENTS.loadBalancer })));
    const final = await planWith(dir, moved, stateAfter(flip, ids));
    expect(final.resources.filter((r) => r.type === ACM_CERTIFICATE).map((r) => r.name)).toEqual(["acme-certificate"]);
    expect(simulateUpdate(flip, final).changes.find((c) => c.name === "acme-https")).toMatchObject({ step: "update", fields: ["certificateArn"] });
    expect(final.outputs["nextStep"]).toBeUndefined();
  });
});

describe("putting currentOrigin back after the switch", () => {
  const state: DeployedState = { outputs: { tenantId: "acme" }, resources: { "urn:www": { type: DNS_RECORD, outputs: { id: "w1" } } } };
  const www = (comment: string) => [record("w1", "CNAME", "www.acme.example", "acme-alb.example", { comment })];

  it("is refused when the stack's web records already point at the load balancer, saying that a rollback edits the records", async () => {
    const dir = tempFolder();
    const file = writeTenant(dir, "acme", takeoverYaml(true));
    const failure = await planWith(dir, liveZone(www(WEB_RECORD_COMMENTS.loadBalancer)), state).then(() => "planned", (e: unknown) => (e as Error).message);
    expect(failure).toMatch(new RegExp(`${file}:\\d+:\\d+: edge\\.currentOrigin: is given again, but the switch already moved www\\.acme\\.example \\(record w1\\) to the load balancer`));
    expect(failure).toContain(`To roll back, edit each record yourself (dashboard, or PATCH /zones/<zone>/dns_records/<id> with {"content":"old-host.example","proxied":<the proxy status it had before the switch>,"comment":${JSON.stringify(WEB_RECORD_COMMENTS.currentHosting)}}), run \`pulumi refresh\``);
  });

  it("is accepted before the switch (the records still serve the current hosting), and for a record the stack does not hold", async () => {
    const dir = tempFolder();
    writeTenant(dir, "acme", takeoverYaml(true));
    const before = await planWith(dir, liveZone(www(WEB_RECORD_COMMENTS.currentHosting)), state);
    expect(webRecord(before, "www").inputs["comment"]).toBe(WEB_RECORD_COMMENTS.currentHosting);
    const otherStack = await planWith(dir, liveZone(www(WEB_RECORD_COMMENTS.loadBalancer)), { ...state, resources: {} }).then(() => "planned", (e: unknown) => (e as Error).message);
    expect(otherStack).not.toContain("edge.currentOrigin: is given again");
  });
});

describe("rolling back after the switch: the records edited back, `pulumi refresh`, then currentOrigin", () => {
  const ids = { "acme-web-www": "w1", "acme-web-apex": "n1" };
  /** The zone with both web records as given. */
  const zoneWith = (www: Record<string, unknown>, apex: Record<string, unknown>) => liveZone([
    record("w1", "CNAME", "www.acme.example", String(www["content"]), www),
    record("n1", "CNAME", "acme.example", String(apex["content"]), apex),
  ]);
  /** The state after `pulumi refresh`: the records as the zone has them (the provider's Read). */
  const refreshedState = (plan: TenantPlan, zone: Record<string, Record<string, unknown>>): DeployedState => {
    const state = stateAfter(plan, ids);
    return { ...state, resources: Object.fromEntries(Object.entries(state.resources).map(([urn, r]) => [urn, { ...r, outputs: { ...r.outputs, ...(zone[String(r.outputs["id"])] ?? {}) } }])) };
  };
  /** The same as a plan of the deployed inputs, for the update simulation. */
  const refreshedPlan = (plan: TenantPlan, zone: Record<string, Record<string, unknown>>): TenantPlan =>
    editPlan(plan, (r) => r.type === DNS_RECORD && ids[r.name as keyof typeof ids] !== undefined, (inputs, r) => ({ ...inputs, ...zone[ids[r.name as keyof typeof ids]] }));

  /** The three deploys of case C: the file, the last plan, and the zone with the records on the load balancer. */
  type RecordFields = Record<string, unknown>;
  async function switched(): Promise<{ dir: string; file: string; final: TenantPlan; onLoadBalancer: { w1: RecordFields; n1: RecordFields } }> {
    const dir = tempFolder();
    const file = writeTenant(dir, "acme", takeoverYaml(true));
    const first = await planWith(dir, liveZone());
    writeTenant(dir, "acme", takeoverYaml(false));
    const onCurrent = { w1: { content: "old-host.example", proxied: true, comment: WEB_RECORD_COMMENTS.currentHosting }, n1: { content: "old-host.example", proxied: false, ttl: 300, comment: WEB_RECORD_COMMENTS.currentHosting } };
    const flip = await planWith(dir, zoneWith(onCurrent.w1, onCurrent.n1), stateAfter(first, ids));
    const lb = String(webRecord(flip, "www").inputs["content"]);
    const onLoadBalancer = { w1: { content: lb, proxied: true, comment: WEB_RECORD_COMMENTS.loadBalancer }, n1: { content: lb, proxied: true, comment: WEB_RECORD_COMMENTS.loadBalancer } };
    const final = await planWith(dir, zoneWith(onLoadBalancer.w1, onLoadBalancer.n1), stateAfter(flip, ids));
    return { dir, file, final, onLoadBalancer };
  }

  it("keeps the records on the current hosting, with the Origin CA certificate, and the switch after it is the usual one", async () => {
    const { dir, final } = await switched();
    const rolledBack = { w1: { content: "old-host.example", proxied: true, comment: WEB_RECORD_COMMENTS.currentHosting }, n1: { content: "old-host.example", proxied: false, comment: WEB_RECORD_COMMENTS.currentHosting } };
    const zone = zoneWith(rolledBack.w1, rolledBack.n1);
    writeTenant(dir, "acme", takeoverYaml(true));
    const back = await planWith(dir, zone, refreshedState(final, rolledBack));
    for (const host of ["www", "apex"]) {
      expect(webRecord(back, host).options.importId).toBeUndefined();
      expect(webRecord(back, host).options.ignoreChanges).toEqual([...KEPT_DURING_TAKEOVER]);
      expect(webRecord(back, host).inputs["comment"]).toBe(WEB_RECORD_COMMENTS.currentHosting);
    }
    // The engine diffs against the refreshed state: the records stay on the current hosting.
    const update = simulateUpdate(refreshedPlan(final, rolledBack), back);
    expect(update.changes.filter((c) => c.type === DNS_RECORD && c.name.startsWith("acme-web-"))).toEqual([]);
    expect(update.errors).toEqual([]);
    expect(back.resources.filter((r) => r.type === ACM_CERTIFICATE).map((r) => r.name)).toEqual(["acme-origin-ca"]);
    expect(back.outputs["nextStep"]).toBe(TAKEOVER_NEXT_STEP);
    // Removing currentOrigin again moves the records after the listener, which keeps the Origin CA certificate.
    writeTenant(dir, "acme", takeoverYaml(false));
    const again = await planWith(dir, zone, refreshedState(back, rolledBack));
    expect(again.resources.filter((r) => r.type === ACM_CERTIFICATE).map((r) => r.name)).toEqual(["acme-origin-ca"]);
    expect(again.outputs["nextStep"]).toBe(MOVED_NEXT_STEP);
  });

  it("refuses a deploy while the zone's web record differs from the state (edited, not refreshed), naming pulumi refresh", async () => {
    const { dir, file, final, onLoadBalancer } = await switched();
    const rolledBack = { w1: { content: "old-host.example", proxied: true, comment: WEB_RECORD_COMMENTS.currentHosting }, n1: onLoadBalancer.n1 };
    const zone = zoneWith(rolledBack.w1, rolledBack.n1);
    const lb = String(onLoadBalancer.w1.content);
    for (const currentOrigin of [true, false]) {
      writeTenant(dir, "acme", takeoverYaml(currentOrigin));
      const failure = await planWith(dir, zone, stateAfter(final, ids)).then(() => "planned", (e: unknown) => (e as Error).message);
      expect(failure).toMatch(new RegExp(`${file}:\\d+:\\d+: edge\\.hostnames\\[1\\]: www\\.acme\\.example \\(record w1\\) was changed outside the stack: the zone has content old-host\\.example \\(state: ${lb.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\), comment`));
      expect(failure).toContain("Run `pulumi refresh` (it reads the record into the state), then deploy");
      expect(failure).not.toContain("edge.hostnames[0]");
    }
    // Once refreshed, nothing is refused for the file without currentOrigin.
    expect(await planWith(dir, zone, refreshedState(final, rolledBack)).then(() => "planned", (e: unknown) => (e as Error).message)).toBe("planned");
  });
});

describe("CAA records that stop ACM block only the deploy that requests its certificate", () => {
  const letsEncrypt = record("c1", "CAA", "acme.example", '0 issue "letsencrypt.org"', { proxied: false, ttl: 3600, data: { flags: 0, tag: "issue", value: "letsencrypt.org" } });
  const onLoadBalancer = record("w1", "CNAME", "www.acme.example", "acme-alb.example", { comment: WEB_RECORD_COMMENTS.loadBalancer });
  const records: DeployedState["resources"] = { "urn:www": { type: DNS_RECORD, outputs: { id: "w1" } } };

  it("refuses the deploy that requests it, and plans the one after it (ACM's certificate in the state)", async () => {
    const dir = tempFolder();
    const file = writeTenant(dir, "acme", takeoverYaml(false));
    const zone = liveZone([letsEncrypt, onLoadBalancer]);
    const requesting = await planWith(dir, zone, { outputs: { tenantId: "acme" }, resources: records }).then(() => "planned", (e: unknown) => (e as Error).message);
    expect(requesting).toMatch(new RegExp(`${file}:\\d+:\\d+: edge\\.hostnames\\[1\\]: ACM cannot issue the load balancer's certificate for www\\.acme\\.example`));
    const issued: DeployedState = { outputs: { tenantId: "acme" }, resources: { ...records, "urn:pulumi:acme::tenant-platform::aws:acm/certificate:Certificate::acme-certificate": { type: ACM_CERTIFICATE, outputs: { id: "arn:aws:acm:eu-west-1:123456789012:certificate/1" } } } };
    const after = await planWith(dir, zone, issued);
    expect(after.resources.filter((r) => r.type === ACM_CERTIFICATE).map((r) => r.name)).toEqual(["acme-certificate"]);
    // The Origin CA certificate in ACM is not ACM's own: the deploy still requests it.
    const originCaOnly: DeployedState = { outputs: { tenantId: "acme" }, resources: { ...records, "urn:pulumi:acme::tenant-platform::aws:acm/certificate:Certificate::acme-origin-ca": { type: ACM_CERTIFICATE, outputs: { id: "arn:aws:acm:eu-west-1:123456789012:certificate/2" } } } };
    expect(await planWith(dir, zone, originCaOnly).then(() => "planned", (e: unknown) => (e as Error).message)).toContain("ACM cannot issue");
  });
});

describe("records the stack holds are never imported again", () => {
  const mx = record("a5", "MX", "acme.example", "mx1.mail.example", { priority: 10, proxied: false, ttl: 3600 });
  const withMx = () => takeoverYaml(false, ["  records: [{ type: MX, content: mx1.mail.example, priority: 10 }]"]);

  it("imports an equal unmarked record only when the stack's state does not hold it (a record created before the marker existed)", async () => {
    const dir = tempFolder();
    writeTenant(dir, "acme", withMx());
    const zone = liveZone([mx]);
    // A stack never deployed: the record is someone else's, adopted.
    const fresh = await planWith(dir, zone);
    const mxRecord = (plan: TenantPlan) => plan.resources.find((r) => r.type === DNS_RECORD && r.inputs["type"] === "MX")!;
    expect(mxRecord(fresh).options.importId).toBe(`${ZONE_ID}/a5`);
    // A stack whose state holds it (created by an earlier version, without the marker): no import,
    // which the engine would run as a replacement deleting the record.
    const deployed = await planWith(dir, zone, stateAfter(fresh, { [mxRecord(fresh).name]: "a5" }));
    expect(mxRecord(deployed).options.importId).toBeUndefined();
  });

  it("reads the state of a self-managed backend in the legacy layout by the bare stack name, which refuses the qualified one", async () => {
    const dir = tempFolder();
    writeTenant(dir, "acme", withMx());
    const fresh = await planWith(dir, liveZone([mx]));
    const mxRecord = (plan: TenantPlan) => plan.resources.find((r) => r.type === DNS_RECORD && r.inputs["type"] === "MX")!;
    const legacy: DeployedState = { ...stateAfter(fresh, { [mxRecord(fresh).name]: "a5" }), layout: "legacy" };
    const deployed = await planWith(dir, liveZone([mx]), legacy);
    expect(mxRecord(deployed).options.importId).toBeUndefined();
  });

  it("refuses a record another stack of the platform holds (marked, not in this stack's state), and adopts none", async () => {
    const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", withMx()));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const api = (await startFakeZone(liveZone([{ ...mx, comment: "Tenant record (tenant-platform)" }]))).api();
    const held = await edgePreflight(api, loaded.tenant.spec, ZONE_ID, { stateRecordIds: new Set(["other"]) });
    expect(held.adoptRecords).toEqual({});
    expect(held.blocking.map((f) => [f.path.join("."), f.message.split(":")[0]])).toEqual([["edge.records.0", "acme.example MX record (id a5) carries the platform's marker but is not in this stack's state"]]);
    // Without the state (the command line), the marker says the platform's own: nothing adopted, nothing blocks.
    const unknown = await edgePreflight(api, loaded.tenant.spec, ZONE_ID);
    expect([unknown.adoptRecords, unknown.blocking]).toEqual([{}, []]);
  });

  it("names an interrupted create of this stack beside another stack, when the state does not hold a marked record", async () => {
    const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", withMx()));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const server = await startFakeZone({ ...liveZone([{ ...mx, comment: "Tenant record (tenant-platform)" }]), token: "t" });
    const held = await edgePreflight(new CloudflareApi({ token: "t", baseUrl: server.baseUrl }), loaded.tenant.spec, ZONE_ID, { stateRecordIds: new Set(["other"]) });
    expect(held.blocking[0]!.message).toContain("another stack manages it (a record is managed by one stack: remove it from one of the two tenant files), or this stack's own create of it was interrupted");
    expect(held.blocking[0]!.message).toContain("`pulumi refresh --import-pending-creates <urn> a5` takes it into the state");
  });

  it("notes, without blocking, each marked record the file collides with while the stack's state is unknown (a leftover would fail the create)", async () => {
    const loaded = loadTenantFile(writeTenant(tempFolder(), "acme", withMx()));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const marked = { ...mx, comment: "Tenant record (tenant-platform)" };
    const web = record("w9", "CNAME", "www.acme.example", "lb.example", { comment: WEB_RECORD_COMMENTS.loadBalancer });
    const unmarkedTxt = record("t1", "TXT", "acme.example", "v=spf1 -all", { proxied: false });
    const server = await startFakeZone({ ...liveZone([marked, web, unmarkedTxt]), token: "t" });
    const api = new CloudflareApi({ token: "t", baseUrl: server.baseUrl });
    const leftovers = (notes: readonly string[]) => notes.filter((n) => n.includes("carries the platform's marker, so it is taken for this stack's own"));
    const unknown = await edgePreflight(api, loaded.tenant.spec, ZONE_ID);
    expect(unknown.blocking).toEqual([]);
    expect(leftovers(unknown.notes).map((n) => n.split(" carries")[0])).toEqual(["www.acme.example CNAME record (id w9)", "acme.example MX record (id a5)"]);
    expect(leftovers(unknown.notes)[1]).toContain('the deploy\'s create fails on it (API error 81053 or 81057): remove its comment (PATCH /zones/<zone>/dns_records/a5 with {"comment":""})');
    // With the state known, the state says whose they are: no note.
    expect(leftovers((await edgePreflight(api, loaded.tenant.spec, ZONE_ID, { stateRecordIds: new Set(["a5", "w9"]) })).notes)).toEqual([]);
  });
});

/**
 * The cost of tenant files: assumption overrides in `cost.assumptions` (and their errors), the
 * Cloudflare plan, every reference tenant, and the cost at a git revision.
 */
import { git } from "../helpers/git";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "../../tenant-schema/cost-assumptions";
import { costAtRevision, renderCostChange } from "../../tools/cost/cost-change";
import { estimateCost } from "../../tools/cost/estimate";
import { PRICE_TABLE } from "../../tools/cost/prices";
import { estimateTenantCost } from "../../tools/cost/tenant-cost";
import { planTenant } from "../../tools/plan/run-plan";
import { loadTenantFile, parseTenant } from "../../tenant-schema/load-tenant";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { listTenantIds } from "../../tenant-schema/tenant-files";
import { planYaml, removeTempFolders, sharingZone, tempFolder, tenantYaml, writeTenant } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

function specOf(yaml: string) {
  const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
  if (!result.ok) throw new Error(formatIssues(result.issues));
  return result.tenant.spec;
}

function messages(yaml: string): string {
  const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
  return result.ok ? "accepted" : formatIssues(result.issues).replaceAll("tenants/acme.yaml:", "");
}

const NAT = "aws:ec2/natGateway:NatGateway";

describe("cost.assumptions in a tenant file", () => {
  it("overrides the defaults it names and keeps the others", async () => {
    const yaml = `${tenantYaml({ nat: "single" })}cost:\n  assumptions:\n    natProcessedGb: 400\n`;
    const spec = specOf(yaml);
    const estimate = estimateTenantCost(await planYaml("acme", yaml), spec);
    expect(estimate.assumptions).toEqual({ ...DEFAULT_ASSUMPTIONS, natProcessedGb: 400 });
    expect(estimate.assumptionsOverridden).toEqual(["natProcessedGb"]);
    const nat = estimate.resources.find((r) => r.type === NAT)!;
    const eu = PRICE_TABLE.aws["eu-central-1"]!;
    // one gateway in eu-central-1: 730 h × hourly + 400 GB × per GB
    expect(nat.monthlyMin).toBeCloseTo(730 * eu.natGatewayHourly! + 400 * eu.natGatewayGb!, 9);
  });

  it.each([
    ["an unknown assumption", "cost:\n  assumptions:\n    natGb: 5\n", /^11:5: cost\.assumptions\.natGb: unknown key "natGb".*allowed keys here: internetEgressGb, natProcessedGb/],
    ["a negative amount", "cost:\n  assumptions:\n    internetEgressGb: -1\n", /^11:23: cost\.assumptions\.internetEgressGb: must be at least 0; got number -1$/],
    ["text for a number", "cost:\n  assumptions:\n    loadBalancerLcu: two\n", /^11:22: cost\.assumptions\.loadBalancerLcu: must be a number, got the text "two"$/],
    ["a change rate over 100%", "cost:\n  assumptions:\n    databaseChangePercentPerDay: 150\n", /^11:34: cost\.assumptions\.databaseChangePercentPerDay: must be at most 100; got number 150$/],
    ["an unknown cost key", "cost:\n  budget: 100\n", /^10:3: cost\.budget: unknown key "budget".*allowed keys here: assumptions/],
  ])("refuses %s with its position and what is allowed", (_label, section, expected) => {
    expect(messages(`${tenantYaml({})}${section}`)).toMatch(expected);
  });
});

describe("the Cloudflare plan", () => {
  const plan = () => planYaml("acme", tenantYaml({}));

  it("costs its list price when the tenant manages the zone, and is unknown on enterprise", async () => {
    const planned = await plan();
    const line = (p: "free" | "pro" | "business" | "enterprise", billedHere = true) =>
      estimateCost(planned, PRICE_TABLE, DEFAULT_ASSUMPTIONS, { cloudflare: { plan: p, billedHere } })
        .resources.find((r) => r.type === "tenant-platform:edge:Edge");
    expect(line("pro")!.monthlyMin).toBe(25);
    expect(line("business")!.monthlyMax).toBe(250);
    expect(line("enterprise")!.parts[0]!.unknown).toBe("the enterprise plan is priced by contract");
    expect(line("pro", false)).toBeUndefined();
  });

  it("is read from the graph when not given: free by its managed ruleset, none for a zone another tenant manages", async () => {
    const free = estimateCost(await plan(), PRICE_TABLE, DEFAULT_ASSUMPTIONS).resources.find((r) => r.type === "tenant-platform:edge:Edge");
    expect(free?.parts).toEqual([{ label: "Cloudflare free plan (per zone)", monthlyMin: 0, monthlyMax: 0 }]);
    const shared = await planYaml("acme", sharingZone(tenantYaml({})));
    expect(estimateCost(shared, PRICE_TABLE, DEFAULT_ASSUMPTIONS).resources.some((r) => r.type === "tenant-platform:edge:Edge")).toBe(false);
  });
});

describe("the reference tenants", () => {
  it.each(listTenantIds("samples"))("%s: a finite, positive estimate; only the known unknowns", async (id) => {
    const loaded = loadTenantFile(`samples/${id}.yaml`);
    if (!loaded.ok) throw new Error(formatIssues(loaded.issues));
    const estimate = estimateTenantCost(await planTenant(id, "samples"), loaded.tenant.spec);
    expect(Number.isFinite(estimate.monthlyMin) && estimate.monthlyMin > 0).toBe(true);
    expect(estimate.monthlyMax).toBeGreaterThanOrEqual(estimate.monthlyMin);
    expect(estimate.unknownCount).toBe(estimate.unknowns.length);
    const { spec } = loaded.tenant;
    // us-west-2 has no price table (no source says it charges what us-east-1 does): the estimate
    // of a tenant keeping copies there says so instead of a total.
    const regions = [spec.aws.region, spec.aws.backupRegion].filter((r) => r !== undefined && PRICE_TABLE.aws[r] === undefined);
    expect(estimate.regionsWithoutTable).toEqual(regions);
    // The items the table does not price: restore tests; Valkey nodes and MariaDB instances, whose
    // own Price List products no recorded table holds yet (never priced as Redis OSS or MySQL).
    const expected = [
      ...(spec.backup && spec.database && spec.backup.restoreTesting !== false ? ["restore tests"] : []),
      ...(spec.cache && (spec.cache.engine ?? "valkey") === "valkey" ? ["no valkey prices"] : []),
      ...(spec.database?.engine === "mariadb" ? ["no mariadb prices"] : []),
    ];
    const unknownIn = (reason: string, item: string) => (item === "restore tests" ? item : reason.replace(/ in the .*$/, ""));
    const inTabledRegions = estimate.unknowns.filter((u) => !regions.some((r) => u.reason.startsWith(`region ${r} `)));
    expect([...new Set(inTabledRegions.map((u) => unknownIn(u.reason, u.item)))].sort()).toEqual(expected.sort());
    const sum = estimate.components.reduce((t, c) => t + c.monthlyMin, 0);
    expect(sum).toBeCloseTo(estimate.monthlyMin, 6);
  });
});

describe("the cost at a git revision", () => {

  it("plans the file as it was and prints both costs with the change", async () => {
    const dir = tempFolder();
    git(dir, "init", "-q");
    const file = writeTenant(dir, "acme", tenantYaml({ nat: "single" }));
    git(dir, "add", "acme.yaml");
    git(dir, "commit", "-qm", "first");
    writeFileSync(file, `${tenantYaml({ nat: "single" })}cost:\n  assumptions:\n    natProcessedGb: 1050\n`);
    const loaded = loadTenantFile(file);
    if (!loaded.ok) throw new Error(formatIssues(loaded.issues));
    const after = estimateTenantCost(await planTenant("acme", dir), loaded.tenant.spec);
    const before = await costAtRevision("HEAD", loaded.tenant);
    if (before.kind !== "estimate") throw new Error(`expected an estimate, got ${before.kind}`);
    // 1,000 GB more through the NAT gateway at eu-central-1's per-GB price
    const perGb = PRICE_TABLE.aws["eu-central-1"]!.natGatewayGb!;
    expect(after.monthlyMin - before.estimate.monthlyMin).toBeCloseTo(1000 * perGb, 9);
    expect(renderCostChange("HEAD", before, after)).toMatch(/^acme: tenant file at HEAD: USD [\d,.–]+\/month; now USD [\d,.–]+\/month \(change \+52\.00 USD\/month, code as now\)$/);
    expect(await costAtRevision("HEAD", { ...loaded.tenant, file: path.join(dir, "acme.yaml") })).toMatchObject({ kind: "estimate" });
  });

  it("says so for a new tenant and for an unchanged file", async () => {
    const dir = tempFolder();
    git(dir, "init", "-q");
    writeTenant(dir, "keep", tenantYaml({}, "keep.example"));
    git(dir, "add", "keep.yaml");
    git(dir, "commit", "-qm", "first");
    const added = loadTenantFile(writeTenant(dir, "acme", tenantYaml({})));
    const kept = loadTenantFile(path.join(dir, "keep.yaml"));
    if (!added.ok || !kept.ok) throw new Error("invalid test tenant");
    expect(await costAtRevision("HEAD", added.tenant)).toEqual({ kind: "new" });
    expect(await costAtRevision("HEAD", kept.tenant)).toEqual({ kind: "unchanged" });
  });
});

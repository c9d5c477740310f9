/**
 * Isolation between the reference tenants: no resource input or output of tenant A's plan holds an
 * identifier of one of tenant B's resources, except what an exchange between them declares.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { exportBucketName, exportKeyAlias, type ExchangeParty } from "../../components/data-exchange";
import type { TenantPlan } from "../../policies/plan-types";
import { planTenant } from "../../tools/plan/run-plan";
import { listTenantIds, loadFleet, listTenantFiles } from "../../tenant-schema/tenant-files";
import { exchangeLinks } from "../../program/tenant/exchange-links";

const plans = new Map<string, TenantPlan>();
const declared = new Map<string, Set<string>>();

beforeAll(async () => {
  const fleet = loadFleet(listTenantFiles("samples")).tenants.map((t) => t.spec);
  for (const id of listTenantIds("samples")) {
    plans.set(id, await planTenant(id, "samples"));
    const spec = fleet.find((s) => s.id === id)!;
    const links = exchangeLinks(spec, fleet.filter((s) => s.id !== id));
    // What an exchange lets a tenant name of another: an exporter's bucket and key alias.
    declared.set(id, new Set(links.importsFrom.flatMap((p: ExchangeParty) => [exportBucketName(p), exportKeyAlias(p.tenantId)])));
  }
}, 120_000);

/**
 * What identifies B's resources and A's plan does not also have of its own: the physical ids the
 * mocks gave B's resources, and the names B's resources carry by convention (its IAM and log
 * group path `/tenant/<b>/`, its key alias `alias/tenant/<b>`).
 */
function identifiersOf(b: TenantPlan, a: TenantPlan): string[] {
  const own = new Set(Object.values(a.ids));
  const ids = [...new Set(Object.values(b.ids))].filter((id) => id.length >= 8 && !own.has(id) && !/^(none|provider-)/.test(id));
  return [...ids, `/tenant/${b.tenant}/`, `alias/tenant/${b.tenant}`];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Which of `identifiers` occur in A's inputs and outputs as whole tokens (not inside a longer name). */
function leaks(a: TenantPlan, identifiers: readonly string[]): string[] {
  const text = JSON.stringify({ inputs: a.resources.map((r) => r.inputs), outputs: a.outputs, invokes: a.invokes });
  // Whole tokens: not inside a longer name (a path token ends at its own slash).
  const pattern = (id: string) => new RegExp(`${id.startsWith("/") ? "" : "(?<![\\w-])"}${escape(id)}${id.endsWith("/") ? "" : "(?![\\w-])"}`);
  return identifiers.filter((id) => pattern(id).test(text));
}

describe("tenant isolation", () => {
  it("covers every reference tenant, each in its own VPC, key, database and buckets", () => {
    expect([...plans.keys()].length).toBeGreaterThanOrEqual(8);
    const vpcs = [...plans.values()].map((p) => p.outputs["vpcId"]);
    const keys = [...plans.values()].map((p) => p.outputs["kmsKeyArn"]);
    expect(new Set(vpcs).size).toBe(plans.size);
    expect(new Set(keys).size).toBe(plans.size);
  });

  it("no tenant's plan names another tenant's resources, except the declared exchange", () => {
    const found: string[] = [];
    for (const [aId, a] of plans) {
      for (const [bId, b] of plans) {
        if (aId === bId) continue;
        for (const id of leaks(a, identifiersOf(b, a))) {
          if (!declared.get(aId)!.has(id)) found.push(`${aId} names ${bId}'s ${id}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("the declared exchange is visible: each LionsBase district names exactly the other's export bucket", () => {
    const north = plans.get("lionsbase")!;
    const south = plans.get("lionsbase-south")!;
    expect(leaks(north, identifiersOf(south, north)).sort()).toEqual(["alias/tenant/lionsbase-south-exchange", "lionsbase-south-exchange-222222222222"]);
    expect(leaks(south, identifiersOf(north, south)).sort()).toEqual(["alias/tenant/lionsbase-exchange", "lionsbase-exchange-111111111111"]);
  });

  it("would notice a leak: another tenant's role path in a policy is found", () => {
    const a = plans.get("roadiz")!;
    const b = plans.get("tipster")!;
    const tampered: TenantPlan = { ...a, resources: [...a.resources, { ...a.resources[0]!, inputs: { policy: "arn:aws:iam::123456789012:role/tenant/tipster/*" } }] };
    expect(leaks(tampered, identifiersOf(b, a))).toEqual(["/tenant/tipster/"]);
  });

  it("would notice a leak: another tenant's VPC id planted in an input is found", () => {
    const a = plans.get("roadiz")!;
    const b = plans.get("tipster")!;
    const vpcId = String(b.outputs["vpcId"]);
    expect(identifiersOf(b, a)).toContain(vpcId);
    const tampered: TenantPlan = { ...a, resources: [...a.resources, { ...a.resources[0]!, inputs: { vpcId } }] };
    expect(leaks(tampered, identifiersOf(b, a))).toContain(vpcId);
  });
});

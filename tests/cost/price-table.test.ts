/** The shipped price table: dated, sourced, covering the regions the reference tenants use. */
import { describe, expect, it } from "vitest";
import { regionCoverage } from "../../tools/cost/price-table";
import { PRICE_TABLE } from "../../tools/cost/prices";
import { loadFleet, listTenantFiles } from "../../tenant-schema/tenant-files";

function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

describe("the price table", () => {
  it("states its date, currency, sources and that the prices are list prices to refresh", () => {
    expect(PRICE_TABLE.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICE_TABLE.currency).toBe("USD");
    expect(PRICE_TABLE.note).toMatch(/list prices/);
    expect(PRICE_TABLE.note).toMatch(/refresh/);
    expect(PRICE_TABLE.sources.length).toBeGreaterThan(5);
    for (const source of PRICE_TABLE.sources) expect(source).toMatch(/^https:\/\/[\w.-]+\.(amazonaws\.com|amazon\.com|cloudflare\.com)\//);
    expect(PRICE_TABLE.cloudflare).toEqual({ free: 0, pro: 25, business: 250, enterprise: null });
  });

  it("holds only positive, finite prices", () => {
    for (const [region, prices] of Object.entries(PRICE_TABLE.aws)) {
      const values = numbersIn(prices);
      expect(values.length, region).toBeGreaterThan(5);
      for (const value of values) expect(Number.isFinite(value) && value > 0, `${region}: ${value}`).toBe(true);
    }
  });

  it("covers us-east-1, eu-west-1, eu-central-1 and every region a reference tenant runs or keeps copies in", () => {
    const fleet = loadFleet(listTenantFiles("samples"));
    const used = new Set(fleet.tenants.flatMap((t) => [t.spec.aws.region, t.spec.aws.backupRegion].filter((r): r is string => r !== undefined)));
    const covered = regionCoverage(PRICE_TABLE);
    // us-west-2 has no table of its own: nothing cited says it charges what us-east-1 does.
    for (const region of ["us-east-1", "eu-west-1", "eu-central-1", ...used].filter((r) => r !== "us-west-2")) expect(covered[region], region).toBeDefined();
    expect(covered["us-west-2"]).toBeUndefined();
    // Where tenants run, compute and data are priced; where they only keep copies, backup storage.
    for (const tenant of fleet.tenants) {
      expect(covered[tenant.spec.aws.region]).toEqual(expect.arrayContaining(["ec2Hourly", "rdsHourly", "natGatewayHourly", "albHourly"]));
      if (tenant.spec.aws.backupRegion && tenant.spec.aws.backupRegion !== "us-west-2") expect(covered[tenant.spec.aws.backupRegion]).toContain("backupWarmGbMonth");
    }
  });
});

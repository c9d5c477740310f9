/**
 * Engine-correct prices: Valkey and Redis OSS nodes, MySQL, MariaDB and PostgreSQL instances each
 * have their own list in the table; an engine without prices is unknown, never another engine's.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "../../tenant-schema/cost-assumptions";
import { estimateCost } from "../../tools/cost/estimate";
import type { RegionPrices } from "../../tools/cost/price-table";
import type { TenantPlan } from "../../policies/plan-types";
import { DATABASE, handBuiltPlan, REGION, resource, TEST_PRICES, testTable } from "./hand-built-plan";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const RDS = "aws:rds/instance:Instance";

/** The hand-built plan with a two-node cache group of `engine` (absent: the input is not set). */
function withCache(engine: string | undefined): TenantPlan {
  const plan = handBuiltPlan();
  const inputs = { nodeType: "cache.t4g.small", numCacheClusters: 2, ...(engine ? { engine } : {}) };
  return { ...plan, resources: [...plan.resources, resource(GROUP, "cache", inputs, DATABASE.urn)] };
}

/** The hand-built plan with its primary database on `engine` (one Single-AZ instance, no replica). */
function withDatabase(engine: string): TenantPlan {
  const plan = handBuiltPlan({ multiAz: false });
  return {
    ...plan,
    resources: plan.resources
      .filter((r) => r.name !== "db-replica-1")
      .map((r) => (r.type === RDS ? { ...r, inputs: { ...r.inputs, engine } } : r)),
  };
}

function cacheLine(plan: TenantPlan, prices: RegionPrices) {
  return estimateCost(plan, testTable(prices), DEFAULT_ASSUMPTIONS).resources.find((r) => r.type === GROUP)!;
}

function databaseLine(plan: TenantPlan, prices: RegionPrices) {
  return estimateCost(plan, testTable(prices), DEFAULT_ASSUMPTIONS).resources.find((r) => r.type === RDS)!;
}

const CACHE_PRICES: RegionPrices = { ...TEST_PRICES, elasticacheHourly: { redis: { "cache.t4g.small": 0.03 }, valkey: { "cache.t4g.small": 0.024 } } };

describe("ElastiCache engines", () => {
  it("prices Valkey nodes at Valkey's price and Redis OSS nodes at Redis OSS's", () => {
    // 2 nodes × 730 h × 0.024 = 35.04; × 0.03 = 43.8
    expect(cacheLine(withCache("valkey"), CACHE_PRICES).monthlyMin).toBeCloseTo(35.04, 9);
    expect(cacheLine(withCache("redis"), CACHE_PRICES).monthlyMin).toBeCloseTo(43.8, 9);
  });

  it("prices a group without an engine input as Redis OSS, the provider's default", () => {
    expect(cacheLine(withCache(undefined), CACHE_PRICES).monthlyMin).toBeCloseTo(43.8, 9);
  });

  it("leaves Valkey unknown when the table has only Redis OSS prices, naming the command that fetches them", () => {
    const line = cacheLine(withCache("valkey"), { ...TEST_PRICES, elasticacheHourly: { redis: { "cache.t4g.small": 0.03 } } });
    expect(line.monthlyMin).toBe(0);
    expect(line.parts[0]!.unknown).toBe(`no valkey prices in the ${REGION} table (npm run prices:update -- --region ${REGION})`);
  });

  it("leaves an engine the table has no list for (memcached) unknown", () => {
    expect(cacheLine(withCache("memcached"), CACHE_PRICES).parts[0]!.unknown).toBe("no price for engine memcached in the price table");
  });
});

describe("RDS engines", () => {
  const prices: RegionPrices = {
    ...TEST_PRICES,
    rdsHourly: { mysql: { "db.t4g.medium": 0.1 }, mariadb: { "db.t4g.medium": 0.11 }, postgres: { "db.t4g.medium": 0.12 } },
  };

  it.each([["mysql", 0.1], ["mariadb", 0.11], ["postgres", 0.12]] as const)("prices %s instances from its own list", (engine, hourly) => {
    const line = databaseLine(withDatabase(engine), prices);
    // one Single-AZ instance: 730 h × hourly (storage and backups are the same for every engine)
    expect(line.parts[0]!.monthlyMin).toBeCloseTo(730 * hourly, 9);
  });

  it("leaves MariaDB unknown when the table lists MySQL only", () => {
    const line = databaseLine(withDatabase("mariadb"), TEST_PRICES);
    expect(line.parts[0]!.unknown).toBe(`no mariadb prices in the ${REGION} table (npm run prices:update -- --region ${REGION})`);
  });
});

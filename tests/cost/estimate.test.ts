/** The estimate of a hand-built plan against a hand computation; unknown prices; ranges; Multi-AZ. */
import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "../../tenant-schema/cost-assumptions";
import { estimateCost } from "../../tools/cost/estimate";
import type { CostEstimate } from "../../tools/cost/estimate-types";
import { costChangeOf } from "../../tools/cost/cost-change";
import { renderCost, renderCostSummary } from "../../tools/cost/render-cost";
import { costLine } from "../../tools/fleet/render-markdown";
import { DATABASE, handBuiltPlan, NETWORK, REGION, TEST_PRICES, testTable, WEB } from "./hand-built-plan";

function costOf(estimate: CostEstimate, name: string, type: string) {
  const found = estimate.resources.find((r) => r.name === name && r.type === type);
  if (!found) throw new Error(`no cost line for ${type} ${name}`);
  return found;
}

const ASG = "aws:autoscaling/group:Group";
const RDS = "aws:rds/instance:Instance";

describe("estimateCost of a hand-built plan", () => {
  const estimate = estimateCost(handBuiltPlan(), testTable(), DEFAULT_ASSUMPTIONS);

  it("prices the Auto Scaling group at its minimum and maximum size", () => {
    // instances 2 × 730 h × 0.02 = 29.2 … 6 × 730 × 0.02 = 87.6
    // volumes   2 × 20 GB × 0.1  = 4    … 6 × 20 × 0.1     = 12
    // detailed monitoring 2 × 2  = 4    … 6 × 2            = 12
    const group = costOf(estimate, "web", ASG);
    expect(group.monthlyMin).toBeCloseTo(29.2 + 4 + 4, 9);
    expect(group.monthlyMax).toBeCloseTo(87.6 + 12 + 12, 9);
    expect(group.component).toBe(WEB.urn);
    expect(group.region).toBe(REGION);
  });

  it("doubles a Multi-AZ primary and prices its replica and backups", () => {
    // primary: 2 × 730 h × 0.1 = 146; storage 20 GB × 2 × 0.2 = 8;
    // backups beyond the free 20 GB: 20 GB × 5% × (7 − 1) days = 6 GB × 0.1 = 0.6
    expect(costOf(estimate, "db", RDS).monthlyMin).toBeCloseTo(146 + 8 + 0.6, 9);
    // replica: 730 × 0.1 = 73; its primary's 20 GB × 0.2 = 4; no backups of its own
    expect(costOf(estimate, "db-replica-1", RDS).monthlyMin).toBeCloseTo(73 + 4, 9);
  });

  it("sums resources into components and the total", () => {
    // NAT: 730 × 0.05 = 36.5 + 50 GB × 0.04 = 2; its address 730 × 0.005 = 3.65
    const network = estimate.components.find((c) => c.urn === NETWORK.urn)!;
    expect(network.monthlyMin).toBeCloseTo(36.5 + 2 + 3.65, 9);
    expect(estimate.components.find((c) => c.urn === DATABASE.urn)!.monthlyMin).toBeCloseTo(154.6 + 77, 9);
    expect(estimate.monthlyMin).toBeCloseTo(37.2 + 154.6 + 77 + 38.5 + 3.65, 9); // 310.95
    expect(estimate.monthlyMax).toBeCloseTo(111.6 + 154.6 + 77 + 38.5 + 3.65, 9); // 385.35
    expect(estimate.currency).toBe("USD");
    expect(estimate.priceTableDate).toBe("2026-01-01");
  });

  it("leaves free resources out and reports a type it cannot price as unknown", () => {
    expect(estimate.resources.some((r) => r.type === "aws:ec2/vpc:Vpc")).toBe(false);
    expect(estimate.unknownCount).toBe(1);
    expect(estimate.unknowns).toEqual([expect.objectContaining({
      type: "aws:efs/fileSystem:FileSystem", name: "files", reason: "no pricing rule for aws:efs/fileSystem:FileSystem",
    })]);
    expect(renderCostSummary(estimate)).toBe("t: estimated cost at least USD 310.95–385.35/month (1 unknown price)");
  });
});

describe("a missing price", () => {
  it("is unknown, not zero, and makes the total a lower bound", () => {
    const withoutInstances = { ...TEST_PRICES, ec2Hourly: {} };
    const estimate = estimateCost(handBuiltPlan(), testTable(withoutInstances), DEFAULT_ASSUMPTIONS);
    const group = costOf(estimate, "web", ASG);
    const instances = group.parts.find((p) => p.label.includes("t4g.small"))!;
    expect(instances.unknown).toBe(`no ec2Hourly price for t4g.small in ${REGION}`);
    expect(group.monthlyMin).toBeCloseTo(4 + 4, 9); // volumes and monitoring only
    expect(estimate.unknownCount).toBe(2);
    expect(estimate.monthlyMin).toBeCloseTo(310.95 - 29.2, 9);
    const text = renderCost(estimate);
    expect(text).toMatch(/Total\s+at least USD 281\.75–297\.75\/month/);
    expect(text).toContain("2–6 × t4g.small × 730 h");
    expect(text).toMatch(/t4g\.small × 730 h\s+unknown/);
  });

  it("is unknown for every resource of a region the table does not cover, and the estimate says so in one line", () => {
    const table = { ...testTable(), aws: { "yy-other-1": TEST_PRICES } };
    const estimate = estimateCost(handBuiltPlan(), table, DEFAULT_ASSUMPTIONS);
    expect(estimate.monthlyMin).toBe(0);
    const command = `npm run prices:update -- --region ${REGION}`;
    expect(estimate.unknowns.filter((u) => u.reason === `region ${REGION} has no price table (${command})`).length).toBeGreaterThan(5);
    expect(estimate.regionsWithoutTable).toEqual([REGION]);
    // No misleading "at least" total: one line naming the region and the command.
    const line = `t: cost not estimated: no price table for ${REGION} (generate it: ${command})`;
    expect(renderCostSummary(estimate)).toBe(line);
    expect(renderCost(estimate)).toBe(line);
    expect(costLine(costChangeOf(estimate, undefined))).toBe(`Estimated cost: not estimated: no price table for ${REGION} (generate it: ${command})`);
  });

  it("has no such line when every region has a table, and states what it leaves out", () => {
    const estimate = estimateCost(handBuiltPlan(), testTable(), DEFAULT_ASSUMPTIONS);
    expect(estimate.regionsWithoutTable).toEqual([]);
    expect(renderCostSummary(estimate)).toMatch(/^t: estimated cost at least USD /);
    expect(renderCost(estimate)).toMatch(/\n {2}Not included: data transfer beyond the assumptions \(100 GB to visitors, 50 GB through NAT a month\) and between availability zones; discounts /);
  });
});

describe("ranges and doubling", () => {
  it("is one amount when the group's minimum equals its maximum", () => {
    const group = costOf(estimateCost(handBuiltPlan({ minSize: 3, maxSize: 3 }), testTable(), DEFAULT_ASSUMPTIONS), "web", ASG);
    // 3 × (730 × 0.02 + 20 × 0.1 + 2) = 3 × 18.6
    expect(group.monthlyMin).toBeCloseTo(55.8, 9);
    expect(group.monthlyMax).toBe(group.monthlyMin);
  });

  it("halves instance hours and storage without the Multi-AZ standby", () => {
    const single = costOf(estimateCost(handBuiltPlan({ multiAz: false }), testTable(), DEFAULT_ASSUMPTIONS), "db", RDS);
    const multi = costOf(estimateCost(handBuiltPlan({ multiAz: true }), testTable(), DEFAULT_ASSUMPTIONS), "db", RDS);
    expect(single.monthlyMin).toBeCloseTo(73 + 4 + 0.6, 9);
    expect(multi.monthlyMin - 0.6).toBeCloseTo(2 * (single.monthlyMin - 0.6), 9);
  });

  it("follows the assumptions it is given", () => {
    const estimate = estimateCost(handBuiltPlan(), testTable(), { ...DEFAULT_ASSUMPTIONS, natProcessedGb: 1000, databaseChangePercentPerDay: 10 });
    // NAT: 36.5 + 1000 GB × 0.04 = 76.5; backups 20 GB × 10% × 6 = 12 GB × 0.1 = 1.2
    expect(costOf(estimate, "nat-a", "aws:ec2/natGateway:NatGateway").monthlyMin).toBeCloseTo(76.5, 9);
    expect(costOf(estimate, "db", RDS).monthlyMin).toBeCloseTo(146 + 8 + 1.2, 9);
    expect(estimate.assumptions.natProcessedGb).toBe(1000);
  });
});

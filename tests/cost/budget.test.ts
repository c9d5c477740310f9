/**
 * `cost.monthlyBudget`: a change whose estimate goes over the budget is a policy finding at the
 * configured level, in the plan's output and the pull-request report; under it, none.
 */
import { git } from "../helpers/git";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "../../tenant-schema/cost-assumptions";
import { checkBudget } from "../../tools/cost/budget";
import { estimateCost } from "../../tools/cost/estimate";
import { main } from "../../tools/cli/plan";
import { handBuiltPlan, testTable } from "./hand-built-plan";
import { removeTempFolders, tempFolder, tenantYaml, writeTenant } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

// The hand-built plan costs 310.95–385.35 a month (estimate.test.ts) with one unknown price
// (its file system); with 3 instances at most, 310.95 + 1 × 18.6 = 329.55 at the high end.
const plan = handBuiltPlan();
const estimate = estimateCost(plan, testTable(), DEFAULT_ASSUMPTIONS);
const smaller = estimateCost(handBuiltPlan({ maxSize: 3 }), testTable(), DEFAULT_ASSUMPTIONS);

describe("checkBudget", () => {
  it("flags an estimate whose high end crosses the budget, at the configured level", () => {
    const check = checkBudget(plan, { monthlyBudget: 350, budgetLevel: "mandatory" }, estimate);
    expect(check.finding).toMatchObject({ rule: "cost-monthly-budget", enforcementLevel: "mandatory", urn: "urn:pulumi:t::p::pulumi:pulumi:Stack::p-t" });
    expect(check.finding!.message).toBe("the estimated cost at least USD 310.95–385.35/month goes over the budget of USD 350.00/month (cost.monthlyBudget); lower the scaling maximums or sizes, or raise the budget");
    expect(checkBudget(plan, { monthlyBudget: 350, budgetLevel: "advisory" }, estimate).finding!.enforcementLevel).toBe("advisory");
  });

  it("flags a change from under to over the budget", () => {
    const before = { kind: "estimate", estimate: smaller } as const;
    expect(smaller.monthlyMax).toBeCloseTo(329.55, 9);
    expect(checkBudget(plan, { monthlyBudget: 350, budgetLevel: "advisory" }, estimate, before).finding?.message).toMatch(/goes over the budget of USD 350\.00/);
  });

  it("finds nothing under the budget, and nothing without one", () => {
    const withoutUnknowns = estimateCost(handBuiltPlan(), testTable(), DEFAULT_ASSUMPTIONS);
    expect(checkBudget(plan, { monthlyBudget: 400, budgetLevel: "mandatory" }, withoutUnknowns).finding).toBeUndefined();
    expect(checkBudget(plan, { budgetLevel: "advisory" }, estimate)).toEqual({});
    expect(checkBudget(plan, undefined, estimate)).toEqual({});
  });

  it("says when the known cost is under the budget but prices are unknown (a lower bound cannot tell)", () => {
    expect(checkBudget(plan, { monthlyBudget: 400, budgetLevel: "advisory" }, estimate).note)
      .toBe("t: budget USD 400.00/month: the known cost (USD 385.35) is under it, but 1 price is unknown");
  });

  it("does not flag a change that lowers the cost of a tenant already over its budget, but says it is still over", () => {
    const before = { kind: "estimate", estimate } as const;
    const check = checkBudget(plan, { monthlyBudget: 300, budgetLevel: "mandatory" }, smaller, before);
    expect(check.finding).toBeUndefined();
    expect(check.note).toBe("t: still over the budget of USD 300.00/month (high end at least USD 329.55, 385.35 before): the change does not raise it, so it is not flagged");
  });

  it("flags a change that raises the cost of a tenant already over its budget", () => {
    const before = { kind: "estimate", estimate: smaller } as const;
    expect(checkBudget(plan, { monthlyBudget: 300, budgetLevel: "mandatory" }, estimate, before).finding?.message)
      .toMatch(/raises the cost further over the budget \(high end 329\.55 before\) of USD 300\.00\/month/);
  });

  it("is not checked in a region without a price table", () => {
    const table = { ...testTable(), aws: {} };
    expect(checkBudget(plan, { monthlyBudget: 1, budgetLevel: "mandatory" }, estimateCost(plan, table, DEFAULT_ASSUMPTIONS)))
      .toEqual({ note: "t: budget USD 1.00/month not checked: no price table for xx-test-1" });
  });
});

describe("npm run plan with cost.monthlyBudget", () => {
  const budget = (amount: number, level: string) => `${tenantYaml({ nat: "single" })}cost:\n  monthlyBudget: ${amount}\n  budgetLevel: ${level}\n`;

  async function plan(args: string[]): Promise<{ code: number; text: string }> {
    const out: string[] = [];
    const code = await main(args, { out: (t) => out.push(t), err: (t) => out.push(t) });
    return { code, text: out.join("\n") };
  }

  it("lists the finding with the policies, blocks with --enforce-policies at mandatory, and puts it in the report", async () => {
    const dir = tempFolder();
    const file = writeTenant(dir, "acme", budget(10, "mandatory"));
    const markdown = path.join(dir, "report.md");
    const { code, text } = await plan([file, "--enforce-policies", "--markdown", markdown]);
    expect(text).toMatch(/^ {2}\[mandatory\] cost-monthly-budget \(platform cost control\): tenant-platform-acme: the estimated cost USD [\d,.–]+\/month goes over the budget of USD 10\.00\/month/m);
    expect(code).toBe(1);
    expect(readFileSync(markdown, "utf8")).toMatch(/- \[mandatory\] `cost-monthly-budget` on `tenant-platform-acme`: the estimated cost USD .* goes over the budget of USD 10\.00\/month/);
  });

  it("has no finding under the budget", async () => {
    const dir = tempFolder();
    const { code, text } = await plan([writeTenant(dir, "acme", budget(100000, "mandatory")), "--enforce-policies"]);
    expect(code).toBe(0);
    expect(text).not.toContain("cost-monthly-budget");
  });

  it("compares with the base revision: lowering the cost of a tenant over budget is not flagged", async () => {
    const dir = tempFolder();
    git(dir, "init", "-q");
    const file = writeTenant(dir, "acme", `${budget(10, "mandatory")}`.replace("nat: single", "nat: perZone"));
    git(dir, "add", "acme.yaml");
    git(dir, "commit", "-qm", "first");
    writeFileSync(file, budget(10, "mandatory"));
    const { code, text } = await plan([file, "--base", "HEAD", "--enforce-policies"]);
    expect(text).toMatch(/acme: still over the budget of USD 10\.00\/month \(high end USD [\d,.]+, [\d,.]+ before\): the change does not raise it, so it is not flagged/);
    expect(text).not.toContain("[mandatory] cost-monthly-budget");
    expect(code).toBe(0);
  });
});

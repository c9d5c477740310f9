/** The catalogue of Cloudflare plan features: limits that grow with the plan, the lowest plan that allows a use, and how a refused use reads. */
import { describe, expect, it } from "vitest";
import { lowestPlanAllowing, PLAN_FEATURE_IDS, PLAN_FEATURES, planAllows, planFeatures, type EdgeUsage } from "../../components/edge/features";
import { CLOUDFLARE_PLANS, MITIGATION_TIMEOUTS } from "../../components/edge/plans";
import { renderCloudflarePlan } from "../../tools/plan/render-cloudflare-plan";
import { cloudflarePlanReport } from "../../tenant-schema/rules/plan-features";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { formatIssues } from "../../tenant-schema/spec-issue";
import { tenantYaml } from "../helpers/temp-tenants";

/** Uses worth trying for each feature: counts up to past the largest limit, and every value the schema accepts. */
const SAMPLES: Record<string, number[][]> = {
  counted: [[], [1], [1, 1], [1, 1, 1, 1, 1, 1], Array<number>(11).fill(1), Array<number>(101).fill(1)],
  rateLimitPeriods: [10, 60, 120, 300, 600, 3600].map((p) => [p]),
  rateLimitTimeouts: [0, ...MITIGATION_TIMEOUTS].map((t) => [t]),
  edgeCacheTtl: [60, 600, 3600, 7200, 2592000].map((t) => [t]),
};

const samplesOf = (id: string) => SAMPLES[id] ?? SAMPLES["counted"]!;

describe("Cloudflare plan features", () => {
  it("cover every feature once, each with a source", () => {
    expect(PLAN_FEATURES.map((f) => f.id)).toEqual([...PLAN_FEATURE_IDS]);
    for (const feature of PLAN_FEATURES) expect(feature.source, feature.id).toMatch(/developers\.cloudflare\.com/);
  });

  it("allow on every higher plan what a plan allows, so the lowest plan that allows a use is the one to name", () => {
    for (const id of PLAN_FEATURE_IDS) {
      for (const values of samplesOf(id)) {
        const allowed = CLOUDFLARE_PLANS.map((plan) => planAllows(plan, id, values));
        const first = allowed.indexOf(true);
        expect(allowed, `${id} ${values.length} uses of ${values[0]}`).toEqual(CLOUDFLARE_PLANS.map((_, i) => first !== -1 && i >= first));
        expect(lowestPlanAllowing(id, values)).toBe(first === -1 ? undefined : CLOUDFLARE_PLANS[first]);
      }
    }
  });

  it("name the plans the documentation gives for the limits the edge meets first", () => {
    expect(lowestPlanAllowing("healthChecks", [1])).toBe("pro");
    expect(lowestPlanAllowing("rateLimitRules", [1, 1, 1])).toBe("business");
    expect(lowestPlanAllowing("rateLimitPeriods", [3600])).toBe("enterprise");
    expect(lowestPlanAllowing("rateLimitTimeouts", [0])).toBe("enterprise");
    expect(lowestPlanAllowing("rateLimitTimeouts", [86400])).toBe("business");
    expect(lowestPlanAllowing("edgeCacheTtl", [3600])).toBe("pro");
    expect(lowestPlanAllowing("customRules", Array<number>(21).fill(1))).toBe("business");
    expect(lowestPlanAllowing("cloudConnectorRules", [1])).toBe("free");
    expect(lowestPlanAllowing("customRules", Array<number>(1001).fill(1))).toBeUndefined();
    // Enterprise counts on the plain Enterprise table value (5), not Enterprise with the add-on (100).
    expect(planAllows("enterprise", "rateLimitRules", Array<number>(5).fill(1))).toBe(true);
    expect(lowestPlanAllowing("rateLimitRules", Array<number>(6).fill(1))).toBeUndefined();
  });

  it("mark a use the plan lacks with the plan that allows it", () => {
    const usage: Record<string, number[]> = Object.fromEntries(PLAN_FEATURE_IDS.map((id) => [id, id === "healthChecks" ? [1] : []]));
    expect(planFeatures("free", usage as unknown as EdgeUsage).find((f) => f.id === "healthChecks")).toMatchObject({ fits: false, requires: "pro", used: "1 check", allowed: "0 checks" });
  });

  it("render a refused use in the plan's section", () => {
    const parsed = parseTenant("tenants/acme.yaml", Buffer.from(`${tenantYaml({})}  plan: pro\n  healthCheck: { path: /health }\nmonitoring: { alertEmails: [ops@acme.example] }\n`));
    if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
    const onFree = { ...cloudflarePlanReport(parsed.tenant.spec), plan: "free" as const };
    onFree.features.splice(onFree.features.findIndex((f) => f.id === "healthChecks"), 1,
      { id: "healthChecks", feature: "health checks", used: "1 check", fields: ["edge.healthCheck"], allowed: "0 checks", fits: false, requires: "pro", source: "s" });
    const text = renderCloudflarePlan("acme", onFree, true);
    expect(text.split("\n")[0]).toMatch(/; \d+ features used, 1 not allowed: health checks$/);
    expect(text).toMatch(/\n {2}health checks +1 check \(edge\.healthCheck\) +0 checks {2}NOT ALLOWED: needs pro(\n|$)/);
  });
});

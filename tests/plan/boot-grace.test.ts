/** The groups' health check grace periods in the plan, derived from the boot estimate of what they run. */
import { afterEach, describe, expect, it } from "vitest";
import { estimateBoot, gracePeriodFor } from "../../components/web-tier/boot-estimate";
import { renderedBootSteps } from "../../components/web-tier/boot-steps";
import { named, userDataText } from "../helpers/plan-queries";
import { planYaml, removeTempFolders } from "../helpers/temp-tenants";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(removeTempFolders);

const ASG = "aws:autoscaling/group:Group";
const CHECKS = { intervalSeconds: 15, healthyThreshold: 2 };
type Plan = Awaited<ReturnType<typeof planYaml>>;
const grace = (plan: Plan, group: string) => named(plan, ASG, group).inputs["healthCheckGracePeriod"] as number;

describe("health check grace periods", () => {
  it("cover the estimated boot of each group's instance type and steps", async () => {
    // The sample's web section references two secrets (DB_PASSWORD, API_KEY); workers run on their own type.
    const plan = await planYaml("acme", webTenantYaml().replace("  loadBalancer:", "  workers: { command: [w], instanceType: m7g.large }\n  loadBalancer:"));
    const webSteps = { packages: ["docker", "nginx", "amazon-cloudwatch-agent"], secrets: 2, loadBalancerChecks: CHECKS };
    const workerSteps = { packages: ["docker"], secrets: 2 };
    expect(renderedBootSteps(userDataText(plan, "acme-web"), CHECKS)).toEqual(webSteps);
    expect(renderedBootSteps(userDataText(plan, "acme-worker"))).toEqual(workerSteps);
    const web = estimateBoot("t4g.small", webSteps);
    const worker = estimateBoot("m7g.large", workerSteps);
    expect(grace(plan, "acme-web")).toBe(gracePeriodFor(web));
    expect(grace(plan, "acme-worker")).toBe(gracePeriodFor(worker));
    expect(grace(plan, "acme-web")).toBeGreaterThanOrEqual(web.totalSeconds);
    expect(grace(plan, "acme-worker")).toBeGreaterThanOrEqual(worker.totalSeconds);
  });

  it("grow for a slower instance type and shrink for a faster one, unless the file sets one", async () => {
    const small = grace(await planYaml("acme", webTenantYaml()), "acme-web");
    const micro = grace(await planYaml("acme", webTenantYaml().replace("instanceType: t4g.small", "instanceType: t4g.micro")), "acme-web");
    const xlarge = grace(await planYaml("acme", webTenantYaml().replace("instanceType: t4g.small", "instanceType: c7g.xlarge")), "acme-web");
    expect(micro).toBeGreaterThan(small);
    expect(xlarge).toBeLessThan(small);
    const fixed = await planYaml("acme", webTenantYaml().replace("  loadBalancer:", "  healthCheck: { gracePeriodSeconds: 600 }\n  loadBalancer:"));
    expect(grace(fixed, "acme-web")).toBe(600);
  });
});

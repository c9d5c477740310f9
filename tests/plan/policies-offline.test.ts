/** The policy pack over the offline plans: the reference tenants pass; a weakened tenant fails. */
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../policies/all-rules";
import { runRules } from "../../policies/run-offline";
import { planTenant } from "../../stacks/plan/run-plan";
import { listTenantIds } from "../../stacks/spec/tenant-files";

describe("policies over the offline plan", () => {
  it.each(listTenantIds("tenants"))("%s passes every mandatory rule", async (id) => {
    const plan = await planTenant(id, "tenants");
    expect(runRules(plan, ALL_RULES).filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("reports a database made public and an open security group with the rules' messages", async () => {
    const plan = await planTenant("tipster", "tenants");
    const weakened = {
      ...plan,
      resources: plan.resources.map((r) => {
        if (r.name === "tipster-db" && r.type === "aws:rds/instance:Instance") return { ...r, inputs: { ...r.inputs, publiclyAccessible: true } };
        if (r.name === "tipster-instances-from-alb") return { ...r, inputs: { ...r.inputs, referencedSecurityGroupId: undefined, cidrIpv4: "0.0.0.0/0" } };
        return r;
      }),
    };
    expect(runRules(weakened, ALL_RULES).filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.rule}: ${v.message}`).sort()).toEqual([
      "rds-not-public: the database is publicly accessible",
      "security-group-no-open-ingress: the rule admits the whole internet",
    ]);
  });
});
